import type { Client, Middleware } from "openapi-fetch";
import { assertHeaderValues } from "./assertHeaderValue.js";
import type { ClientOptions } from "./ClientOptions.js";
import { createOpenApiClient } from "./createOpenApiClient.js";
import type { CredentialConfig, HeaderScheme } from "./credentials/chooseCredential.js";
import { classifyToken } from "./credentials/classifyToken.js";
import { resolveCredential } from "./credentials/resolveCredential.js";
import type { SessionExpiredError } from "./errors/SessionExpiredError.js";
import type { paths } from "./generated/schema.js";
import { headerSchemes } from "./generated/security.js";
import type { ClientSummary, LatchkeyClient } from "./LatchkeyClient.js";
import { bindMiddleware, operationMiddleware } from "./operationMiddleware.js";
import { paginate } from "./paginate.js";
import { defaultRetryPolicy } from "./retry.js";
import { signedUrl } from "./signedUrl.js";
import { streamJob } from "./streamJob.js";
import { assertSecure, type TransportConfig, transport } from "./transport.js";
import { type CallResult, errorOf } from "./unwrap.js";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * A typed client for the Agent Platform API. Each operation gets the credential its spec entry
 * accepts, in the header you chose; sessions sign in and refresh themselves.
 */
export function createClient<const Throw extends boolean = false>(
  options: ClientOptions & { throwOnError?: Throw },
): LatchkeyClient<Throw> {
  const base = new URL(options.baseUrl);
  const prefix = base.origin + base.pathname.replace(/\/+$/, "");
  const fetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const listeners = new Set<(error: SessionExpiredError) => void>();
  if (options.onSessionEnded) listeners.add(options.onSessionEnded);
  const source = resolveCredential(options.credentials, {
    // Sign-in and refresh carry secrets in their bodies: no redirect may take them elsewhere.
    api: createOpenApiClient<paths>({ baseUrl: prefix, fetch, redirect: "error" }),
    baseUrl: prefix,
    now: options.now ?? Date.now,
    refreshMarginMs: options.refreshMarginMs ?? 60_000,
    timeoutMs: options.timeout,
    onTokens: options.onTokens,
    onEnded(error) {
      for (const listener of listeners) {
        try {
          listener(error);
        } catch {
          // A failing listener must not change what the request reports.
        }
      }
    },
  });
  assertHeaderValues(options.headers, "the headers option's");
  const agentKeys = options.agentKeys ? new Map(Object.entries(options.agentKeys)) : undefined;
  for (const [slug, key] of agentKeys ?? []) {
    if (classifyToken(key) !== "agent_key") {
      throw new TypeError(`latchkey: agentKeys["${slug}"] is not an agent key (lk_agk_…)`);
    }
  }
  if ((source || agentKeys) && !options.allowInsecureHttp) assertSecure(base);
  const { retries } = options;
  const retry = {
    ...defaultRetryPolicy,
    ...(typeof retries === "number" ? { limit: retries } : retries),
  };
  const authHeader = options.authHeader ?? "Authorization";
  const scheme: HeaderScheme = headerSchemes[authHeader] ?? "bearerAuth";
  const transportConfig: TransportConfig = {
    prefix,
    source,
    retry,
    timeoutMs: options.timeout,
    allowInsecureHttp: options.allowInsecureHttp === true,
  };
  const credentials: CredentialConfig = { source, agentKeys, scheme };
  const throwOnError = options.throwOnError === true;
  const { headers, middleware: before = [] } = options;
  // Every client of this call (`withAgent` makes more) shares the above; each has its own
  // openapi-fetch client, agent and `use()` middleware.
  const build = (
    agentId: string | undefined,
    middleware: Middleware[],
  ): LatchkeyClient<boolean> => {
    const send = (request: Request) => transport(transportConfig, request, fetch);
    const api: Client<paths> = createOpenApiClient<paths>({
      baseUrl: prefix,
      fetch: send,
      // Redirects are followed beneath, where credentials can be kept from other origins.
      redirect: "manual",
      headers,
    });
    // The same send under another name: a call with middleware of its own (which runs after the
    // SDK's) sends with it, so the SDK's middleware knows to keep the plan for `bindMiddleware`.
    const sendAfterOwn = (request: Request) => send(request);
    const bindsLater = (call: object) =>
      middleware.length > 0 || (call as { fetch?: unknown }).fetch !== send;
    // Users' middleware from the options runs before the SDK's; `use()` adds more after it, and
    // the SDK's binding middleware, needed only then, stays last.
    api.use(...before, operationMiddleware({ ...credentials, prefix, agentId, bindsLater }));
    if (middleware.length > 0) api.use(...middleware, bindMiddleware);
    const summary: ClientSummary = {
      baseUrl: prefix,
      credentials: credentials.source?.description ?? "none",
      authHeader,
      agentId: agentId ?? null,
      agentKeys: [...(credentials.agentKeys?.keys() ?? [])],
    };
    const methods: Record<string, AnyMethod> = {};
    const typed = methods as unknown as Client<paths>;
    const client = {
      use(...added: Middleware[]) {
        middleware.push(...added);
        api.eject(bindMiddleware);
        api.use(...added, bindMiddleware);
      },
      eject(...removed: Middleware[]) {
        for (const m of removed) middleware.splice(middleware.indexOf(m) >>> 0, 1);
        api.eject(...removed);
      },
      withAgent: (id: string) => build(id, [...middleware]),
      paginate: (path: string, init?: Parameters<typeof paginate>[2]) =>
        paginate(typed, path, init),
      streamJob: (jobId: string, o?: object) => streamJob(typed, jobId, o),
      streamUrl: (jobId: string, o?: object) =>
        signedUrl(typed, prefix, "/v1/generate/{jobId}/stream-token", { jobId }, o),
      downloadUrl: (agentId: string, filename: string, o?: object) =>
        signedUrl(
          typed,
          prefix,
          "/v1/downloads/{agentId}/{filename}/token",
          { agentId, filename },
          o,
        ),
      on(_event: "sessionEnded", listener: (error: SessionExpiredError) => void) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      baseUrl: prefix,
      toJSON: () => ({ ...summary }),
      [Symbol.for("nodejs.util.inspect.custom")]: () => `LatchkeyClient ${JSON.stringify(summary)}`,
    } as Record<string, unknown>;
    for (const name of METHODS) {
      const call = api[name] as AnyMethod;
      const method: AnyMethod = (url, init) => {
        if (init === undefined) return call(url);
        try {
          assertHeaderValues(init.headers as object | undefined, "this call's");
        } catch (error) {
          return Promise.reject(error);
        }
        const own = init.fetch;
        const perCall = init.middleware as Middleware[] | undefined;
        return call(
          url,
          own || perCall
            ? {
                ...init,
                // The call's own fetch sends beneath the transport; per-call middleware runs
                // after the client's, so the plan is bound after it too.
                fetch: own
                  ? (request: Request) => transport(transportConfig, request, own)
                  : sendAfterOwn,
                middleware: perCall && [...perCall, bindMiddleware],
              }
            : init,
        );
      };
      methods[name] = method;
      client[name] = throwOnError ? throwing(method) : method;
    }
    return client as unknown as LatchkeyClient<boolean>;
  };
  return build(options.agentId, []) as LatchkeyClient<Throw>;
}

type AnyInit = { fetch?: (request: Request) => Promise<Response>; [key: string]: unknown };
type AnyMethod = (url: string, init?: AnyInit) => Promise<CallResult>;

function throwing(send: AnyMethod): AnyMethod {
  return async (url, init) => {
    const result = await send(url, init);
    const error = errorOf(result);
    if (error) throw error;
    return result;
  };
}
