import type { AuthFetchConfig } from "./authFetch.js";
import { findOperation } from "./findOperation.js";
import { schemes } from "./generated/security.js";
import { idempotencyKey } from "./idempotencyKey.js";

/** The credential one logical request carries through its attempts. */
export interface Credential {
  readonly header: string;
  readonly bearer: boolean;
  readonly renewable: boolean;
  token: string;
}

/**
 * Sets the headers the request's operation calls for — `X-Agent-ID` where it has an agent context,
 * `Idempotency-Key` on POSTs, and the configured credential where its `x-credentials` accept it
 * (an agent key by slug first) — and returns the credential sent, if any. Synchronous unless the
 * credential source is.
 */
export function prepareRequest(
  c: AuthFetchConfig,
  request: Request,
): Credential | undefined | Promise<Credential | undefined> {
  const { url, method, headers } = request;
  const end = url.indexOf("?", c.prefix.length);
  const path = url.slice(c.prefix.length, end < 0 ? undefined : end);
  const operation = findOperation(method, path);
  const agentContext = operation !== undefined && operation.agentContext !== "none";
  if (c.agentId !== undefined && agentContext && !headers.has("X-Agent-ID")) {
    headers.set("X-Agent-ID", c.agentId);
  }
  if (method === "POST" && !headers.has("Idempotency-Key")) {
    headers.set("Idempotency-Key", idempotencyKey());
  }
  if (operation?.public) return undefined;
  const scheme = operation === undefined || c.scheme in operation.schemes ? c.scheme : "bearerAuth";
  const header = schemes[scheme].name;
  // A credential the caller set on this very call wins; two would be refused by the API.
  if (headers.has(header)) return undefined;
  const slug =
    operation && operation.slugSegment >= 0 ? path.split("/")[operation.slugSegment] : "";
  const agentKey = slug ? c.agentKeys?.get(decodeURIComponent(slug)) : undefined;
  const { source } = c;
  const bearer = scheme === "bearerAuth";
  if (agentKey !== undefined) {
    return attachCredential(headers, { header, bearer, renewable: false, token: agentKey });
  }
  if (
    source &&
    (operation === undefined ||
      source.kind === undefined ||
      operation.credentials.includes(source.kind))
  ) {
    const renewable = source.renew !== undefined;
    const token = source.token();
    return typeof token === "string"
      ? attachCredential(headers, { header, bearer, renewable, token })
      : token.then((t) => attachCredential(headers, { header, bearer, renewable, token: t }));
  }
  // Nothing configured fits this operation: send nothing and let the API say so.
  return undefined;
}

/** Puts the credential in its header; returns it. */
export function attachCredential(headers: Headers, credential: Credential): Credential {
  headers.set(
    credential.header,
    credential.bearer ? `Bearer ${credential.token}` : credential.token,
  );
  return credential;
}
