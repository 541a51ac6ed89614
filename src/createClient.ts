import type { Client, Middleware } from "openapi-fetch";
import { assertHeaderValues } from "./assertHeaderValue.js";
import type { ClientOptions } from "./ClientOptions.js";
import { type CallInit, callSender } from "./callSender.js";
import { createOpenApiClient } from "./createOpenApiClient.js";
import { createResources } from "./createResources.js";
import type { CredentialConfig, HeaderScheme } from "./credentials/chooseCredential.js";
import { classifyToken } from "./credentials/classifyToken.js";
import { resolveCredential } from "./credentials/resolveCredential.js";
import type { SessionExpiredError } from "./errors/SessionExpiredError.js";
import type { paths } from "./generated/schema.js";
import { headerSchemes } from "./generated/security.js";
import type { ClientSummary, LatchkeyClient } from "./LatchkeyClient.js";
import { createLog } from "./log.js";
import { loggedSessionFetch } from "./loggedSessionFetch.js";
import { bindMiddleware, operationMiddleware } from "./operationMiddleware.js";
import type { SdkOptions } from "./RequestOptions.js";
import { defaultRetryPolicy } from "./retry.js";
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
  const log = createLog(options.logLevel, options.logger);
  const listeners = new Set<(error: SessionExpiredError) => void>();
  if (options.onSessionEnded) listeners.add(options.onSessionEnded);
  const source = resolveCredential(options.credentials, {
    // Sign-in and refresh carry secrets in their bodies: no redirect may take them elsewhere.
    api: createOpenApiClient<paths>({
      baseUrl: prefix,
      fetch: log ? loggedSessionFetch(fetch, log) : fetch,
      redirect: "error",
    }),
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
  const retry = { ...defaultRetryPolicy, ...options.retryBackoff };
  if (options.maxRetries !== undefined) retry.limit = options.maxRetries;
  const authHeader = options.authHeader ?? "Authorization";
  const scheme: HeaderScheme = headerSchemes[authHeader] ?? "bearerAuth";
  const transportConfig: TransportConfig = {
    prefix,
    source,
    retry,
    timeoutMs: options.timeout,
    allowInsecureHttp: options.allowInsecureHttp === true,
    log,
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
    const sendCall = callSender({
      api,
      config: transportConfig,
      fetch,
      sendAfterOwn,
      credentials,
    });
    const client = {
      ...createResources(sendCall, typed, prefix),
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
        if (
          !(
            "timeout" in init ||
            "maxRetries" in init ||
            "idempotencyKey" in init ||
            "agentId" in init
          )
        ) {
          return sendCall(name, url, init);
        }
        const { timeout, maxRetries, idempotencyKey, agentId, ...rest } = init as CallInit &
          SdkOptions;
        return sendCall(name, url, rest, { timeout, maxRetries, idempotencyKey, agentId });
      };
      methods[name] = method;
      client[name] = throwOnError ? throwing(method) : method;
    }
    return client as unknown as LatchkeyClient<boolean>;
  };
  return build(options.agentId, []) as LatchkeyClient<Throw>;
}

type AnyMethod = (url: string, init?: CallInit) => Promise<CallResult>;

function throwing(send: AnyMethod): AnyMethod {
  return async (url, init) => {
    const result = await send(url, init);
    const error = errorOf(result);
    if (error) throw error;
    return result;
  };
}
