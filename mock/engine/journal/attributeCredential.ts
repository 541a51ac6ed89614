// Which workspace a credential names, and its public start, for the journal — also when the
// request was refused, so a test sees its revoked key or its key in a query string. Never the
// secret: what comes out is a kind read off the prefix, a start the key list shows anyway, and an
// id. Runs after the answer is decided and only for refused credentials, so it adds nothing to
// the path of a request that passed.
import {
  type CredentialKind,
  credentialKinds,
  secretQueryParameters,
  tokenPrefixes,
} from "../../../src/generated/security.js";
import type { AuthServices } from "../authenticate.js";
import type { Store } from "../Store.js";
import type { Principal } from "../types.js";

export type PresentedIn = "authorization" | "x-api-key" | "api-key" | "query";

export interface Attribution {
  kind: CredentialKind | null;
  start: string | null;
  workspaceId: string | null;
}

const bySchemeName: Record<string, PresentedIn> = {
  bearerAuth: "authorization",
  apiKeyHeader: "x-api-key",
  apiKeyAltHeader: "api-key",
  downloadToken: "query",
  streamToken: "query",
};

export function presentedIn(scheme: string): PresentedIn {
  return bySchemeName[scheme] ?? "authorization";
}

export function kindOf(value: string): CredentialKind | null {
  for (const kind of credentialKinds) if (value.startsWith(tokenPrefixes[kind])) return kind;
  return null;
}

/** The credential of a request that authenticated: everything is on its principal. */
export function attributePrincipal(principal: Principal, store: Store): Attribution {
  const key = principal.kind.endsWith("_key") ? store.keys.get(principal.id) : undefined;
  return { kind: principal.kind, start: key?.start ?? null, workspaceId: principal.workspaceId };
}

/**
 * A refused credential, looked up as far as it can be without trusting it: a key or refresh token
 * by its keyed digest (a forged one fails its tag first and is looked up nowhere), a signed token
 * by its MAC whatever its expiry, a session only if the sandbox verified it before.
 */
export function attributeRefused(value: string, services: AuthServices): Attribution {
  const kind = kindOf(value);
  const none = { kind, start: null, workspaceId: null };
  if (kind === null) return none;
  const { crypto, store, sessions } = services;
  if (kind === "session") {
    const claims = sessions.cached(crypto.digest(value));
    return claims ? { kind, start: null, workspaceId: claims.workspaceId } : none;
  }
  if (kind === "download_token" || kind === "stream_token") {
    // Time 0: the MAC is checked, the expiry is not (an expired link still names its workspace).
    const verified = crypto.verifySignedToken(value, 0);
    return verified.ok ? { kind, start: null, workspaceId: verified.claims.workspaceId } : none;
  }
  const parsed = crypto.parseKey(value);
  if (!parsed.ok) return none;
  const digest = crypto.digest(value);
  if (kind === "refresh_token") {
    const record = store.findRefreshByDigest(digest);
    return { kind, start: null, workspaceId: record?.workspaceId ?? null };
  }
  // Not `findKeyByDigest`: its count of lookups measures what deciding a request costs, and
  // this lookup comes after the answer is decided.
  const id = store.keyIdByDigest.get(digest);
  const key = id === undefined ? undefined : store.keys.get(id);
  return key ? { kind, start: key.start, workspaceId: key.workspaceId } : none;
}

/** A key sent in a query string (refused before any credential is read), with its parameter. */
export function keyInQuery(query: string): string | null {
  const search = new URLSearchParams(query);
  for (const name of secretQueryParameters) {
    for (const value of search.getAll(name)) {
      const kind = kindOf(value);
      if (kind !== null && kind !== "download_token" && kind !== "stream_token") return value;
    }
  }
  return null;
}

/**
 * The credential of a request refused before its operation was known (404, 405): read from the
 * headers the way any operation reads it, for the journal only.
 */
export function credentialInHeaders(headers: {
  get(name: string): string | null;
}): { value: string; scheme: string } | null {
  const bearer = /^Bearer +(\S+) *$/i.exec(headers.get("authorization") ?? "")?.[1];
  if (bearer) return { value: bearer, scheme: "bearerAuth" };
  const key = headers.get("x-api-key")?.trim();
  if (key) return { value: key, scheme: "apiKeyHeader" };
  const alt = headers.get("api-key")?.trim();
  return alt ? { value: alt, scheme: "apiKeyAltHeader" } : null;
}
