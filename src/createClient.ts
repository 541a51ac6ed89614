import type { Client, Middleware } from "openapi-fetch";
import { type AuthFetchConfig, createAuthFetch, type HeaderScheme } from "./authFetch.js";
import type { ClientOptions } from "./ClientOptions.js";
import { createOpenApiClient } from "./createOpenApiClient.js";
import type { CredentialSource } from "./credentials/CredentialSource.js";
import { classifyToken } from "./credentials/classifyToken.js";
import { resolveCredential } from "./credentials/resolveCredential.js";
import { downloadUrl } from "./downloadUrl.js";
import type { SessionExpiredError } from "./errors/SessionExpiredError.js";
import type { paths } from "./generated/schema.js";
import { headerSchemes } from "./generated/security.js";
import { isLoopback } from "./isLoopback.js";
import type { ClientSummary, LatchkeyClient } from "./LatchkeyClient.js";
import { paginate } from "./paginate.js";
import { ReplayableRequest } from "./ReplayableRequest.js";
import { defaultRetryPolicy } from "./retry.js";
import { streamJob } from "./streamJob.js";
import { streamUrl } from "./streamUrl.js";
import { type CallResult, errorOf } from "./unwrap.js";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** What every client derived from one `createClient` call shares. */
interface Shared {
  readonly auth: Omit<AuthFetchConfig, "agentId">;
  readonly source: CredentialSource | undefined;
  readonly headers: Readonly<Record<string, string>> | undefined;
  readonly authHeader: string;
  readonly throwOnError: boolean;
  readonly listeners: Set<(error: SessionExpiredError) => void>;
}

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
  const agentKeys = options.agentKeys ? new Map(Object.entries(options.agentKeys)) : undefined;
  for (const [slug, key] of agentKeys ?? []) {
    if (classifyToken(key) !== "agent_key") {
      throw new TypeError(`latchkey: agentKeys["${slug}"] is not an agent key (lk_agk_…)`);
    }
  }
  if (
    (source || agentKeys) &&
    base.protocol === "http:" &&
    !isLoopback(base.hostname) &&
    !options.allowInsecureHttp
  ) {
    throw new TypeError(
      `latchkey: refusing to send credentials over plain http:// to ${base.host}; use https:// (or allowInsecureHttp: true on a network you trust)`,
    );
  }
  const retries = options.retries ?? defaultRetryPolicy.limit;
  const retry =
    typeof retries === "number"
      ? { ...defaultRetryPolicy, limit: retries }
      : { ...defaultRetryPolicy, ...retries };
  const authHeader = options.authHeader ?? "Authorization";
  const scheme: HeaderScheme = headerSchemes[authHeader] ?? "bearerAuth";
  const auth = { prefix, fetch, source, agentKeys, scheme, retry, timeoutMs: options.timeout };
  const shared: Shared = {
    auth,
    source,
    headers: options.headers,
    authHeader,
    throwOnError: options.throwOnError === true,
    listeners,
  };
  return build(shared, options.agentId, []) as LatchkeyClient<Throw>;
}

type AnyMethod = (url: string, init?: object) => Promise<CallResult>;

function build(
  shared: Shared,
  agentId: string | undefined,
  middleware: Middleware[],
): LatchkeyClient<boolean> {
  const { prefix } = shared.auth;
  const api: Client<paths> = createOpenApiClient<paths>({
    baseUrl: prefix,
    fetch: createAuthFetch({ ...shared.auth, agentId }),
    Request: ReplayableRequest,
    // Redirects are followed beneath, where credentials can be kept from other origins.
    redirect: "manual",
    headers: shared.headers,
  });
  api.use(...middleware);
  const summary: ClientSummary = {
    baseUrl: prefix,
    credentials: shared.source?.description ?? "none",
    authHeader: shared.authHeader,
    agentId: agentId ?? null,
    agentKeys: [...(shared.auth.agentKeys?.keys() ?? [])],
  };
  const client = {
    use(...added: Middleware[]) {
      middleware.push(...added);
      api.use(...added);
    },
    eject(...removed: Middleware[]) {
      for (const m of removed) middleware.splice(middleware.indexOf(m) >>> 0, 1);
      api.eject(...removed);
    },
    withAgent: (id: string) => build(shared, id, [...middleware]),
    paginate: (path: string, init?: Parameters<typeof paginate>[2]) => paginate(api, path, init),
    streamJob: (jobId: string, o?: object) => streamJob(api, jobId, o),
    streamUrl: (jobId: string, o?: object) => streamUrl(api, prefix, jobId, o),
    downloadUrl: (agentId: string, filename: string, o?: object) =>
      downloadUrl(api, prefix, agentId, filename, o),
    on(_event: "sessionEnded", listener: (error: SessionExpiredError) => void) {
      shared.listeners.add(listener);
      return () => shared.listeners.delete(listener);
    },
    baseUrl: prefix,
    toJSON: () => ({ ...summary }),
    [Symbol.for("nodejs.util.inspect.custom")]: () => `LatchkeyClient ${JSON.stringify(summary)}`,
  } as Record<string, unknown>;
  for (const name of METHODS) {
    const send = api[name] as AnyMethod;
    client[name] = shared.throwOnError ? throwing(send) : send;
  }
  return client as unknown as LatchkeyClient<boolean>;
}

function throwing(send: AnyMethod): AnyMethod {
  return async (url, init) => {
    const result = await send(url, init);
    const error = errorOf(result);
    if (error) throw error;
    return result;
  };
}
