import type { Client, Middleware } from "openapi-fetch";
import { assertHeaderValues } from "./assertHeaderValue.js";
import { credentialHeaders } from "./credentialHeaders.js";
import { type CredentialConfig, chooseCredential } from "./credentials/chooseCredential.js";
import type { paths } from "./generated/schema.js";
import { operationFor } from "./operationFor.js";
import { bindMiddleware } from "./operationMiddleware.js";
import type { SdkOptions } from "./RequestOptions.js";
import { type TransportConfig, transport } from "./transport.js";
import type { CallResult } from "./unwrap.js";

/** What one client sends with; `withAgent` clients have their own. */
export interface CallContext {
  readonly api: Client<paths>;
  readonly config: TransportConfig;
  readonly fetch: (request: Request) => Promise<Response>;
  /** The client's send under another name: the call has middleware after the SDK's. */
  readonly sendAfterOwn: (request: Request) => Promise<Response>;
  readonly credentials: CredentialConfig;
}

/** openapi-fetch's init of one call, as the SDK reads it. */
export interface CallInit {
  fetch?: (request: Request) => Promise<Response>;
  middleware?: Middleware[];
  headers?: HeadersInit;
  params?: { path?: Record<string, unknown>; [key: string]: unknown };
  [key: string]: unknown;
}

/**
 * Sends one call through openapi-fetch (so middleware, credentials and retries apply). A resource
 * method (`resource`) is also checked locally first; a path call is sent as asked, as
 * openapi-fetch would.
 */
export type SendCall = (
  method: string,
  url: string,
  init?: CallInit,
  options?: SdkOptions,
  resource?: boolean,
) => Promise<CallResult>;

function withHeaders(headers: HeadersInit | undefined, extra: Record<string, string>): HeadersInit {
  if (headers instanceof Headers || Array.isArray(headers)) {
    const merged = new Headers(headers);
    for (const [name, value] of Object.entries(extra)) merged.set(name, value);
    return merged;
  }
  return { ...headers, ...extra };
}

/**
 * Refuses, before anything is sent, a call for an agent slug that no credential of the client
 * fits: the API's 401 would not say that `agentKeys` lacks the slug.
 */
function assertAgentKey(c: CallContext, method: string, url: string, init: CallInit): void {
  const slug = init.params?.path?.agentSlug;
  if (typeof slug !== "string") return;
  const own = new Headers(init.headers);
  if (credentialHeaders.some((name) => own.has(name))) return;
  const operation = operationFor(url, method);
  if (operation && chooseCredential(c.credentials, operation, slug) === undefined) {
    throw new TypeError(
      `latchkey: agentKeys has no key for the agent "${slug}"; add agentKeys: { "${slug}": "lk_agk_…" } to createClient`,
    );
  }
}

/** The one way a client sends a call, path call or resource method, with per-request options. */
export function callSender(c: CallContext): SendCall {
  return (method, url, init, options, resource) => {
    const call = c.api[method as "GET"] as (url: string, init?: CallInit) => Promise<CallResult>;
    if (init === undefined) return call(url);
    let config = c.config;
    let headers = init.headers;
    try {
      if (headers !== undefined) assertHeaderValues(headers as object, "this call's");
      if (resource) assertAgentKey(c, method, url, init);
      if (options) {
        const { timeout, maxRetries, idempotencyKey, agentId } = options;
        if (timeout !== undefined || maxRetries !== undefined) {
          const retry =
            maxRetries === undefined ? config.retry : { ...config.retry, limit: maxRetries };
          config = { ...config, timeoutMs: timeout ?? config.timeoutMs, retry };
        }
        const extra: Record<string, string> = {};
        if (idempotencyKey !== undefined) extra["Idempotency-Key"] = idempotencyKey;
        if (agentId !== undefined && operationFor(url, method)?.agentContext !== "none") {
          extra["X-Agent-ID"] = agentId;
        }
        assertHeaderValues(extra, "this call's");
        if (idempotencyKey !== undefined || agentId !== undefined)
          headers = withHeaders(headers, extra);
      }
    } catch (error) {
      return Promise.reject(error);
    }
    const own = init.fetch;
    const perCall = init.middleware;
    if (!own && !perCall && config === c.config) {
      return call(url, headers === init.headers ? init : { ...init, headers });
    }
    return call(url, {
      ...init,
      headers,
      // The call's own fetch, or its own transport options, send beneath a transport of their
      // own; per-call middleware runs after the client's, so the plan is bound after it too.
      fetch:
        own || config !== c.config
          ? (request: Request) => transport(config, request, own ?? c.fetch)
          : c.sendAfterOwn,
      middleware: perCall && [...perCall, bindMiddleware],
    });
  };
}
