import type { SchemeName } from "../../src/generated/security.js";
import type { CompiledOperation } from "./compileOperations.js";
import { invalidRequest } from "./wwwAuthenticate.js";

export interface Credential {
  value: string;
  /** The scheme it arrived through; its scope requirement is the one that applies. */
  scheme: SchemeName;
}

const QUERY_KEY_NAMES = ["token", "access_token", "api_key", "apikey", "key"];
// API keys and JWTs; signed download/stream tokens are made for URLs and are not listed.
const LOOKS_LIKE_KEY = /^(lk_(usr|wsk|tmk|agk|rt)_|eyJ)/;
const BEARER = /^Bearer +([^\s]+) *$/i;
/** The Bearer scheme, however malformed what follows it is. */
const BEARER_SCHEME = /^Bearer(?:\s|$)/i;

/** 400 for an API key or JWT in the query string, where logs and Referer headers keep it. */
export function rejectKeysInQuery(search: URLSearchParams): void {
  for (const name of QUERY_KEY_NAMES) {
    for (const value of search.getAll(name)) {
      if (LOOKS_LIKE_KEY.test(value)) {
        throw invalidRequest(
          `An API key or session token was sent in the query parameter "${name}"; send keys in a header (Authorization: Bearer <key>), never in a URL.`,
        );
      }
    }
  }
}

function headerValue(headers: Headers, name: string): string | null {
  const value = headers.get(name);
  if (value === null) return null;
  const trimmed = value.trim();
  if (trimmed === "" || /\s/.test(trimmed)) {
    throw invalidRequest(`The ${name} header must hold exactly one key.`);
  }
  return trimmed;
}

/**
 * The one credential of a request, from `Authorization: Bearer`, `X-API-Key`, `Api-Key` or, on
 * operations whose security lists a query scheme, `?token=`. The same value sent twice counts
 * once; two different values are refused (RFC 6750 §2: one method per request).
 */
export function extractCredential(
  headers: Headers,
  search: URLSearchParams | null,
  operation: CompiledOperation,
): Credential | null {
  let value: string | null = null;
  let scheme: SchemeName = "bearerAuth";
  const authorization = headers.get("authorization");
  if (authorization !== null) {
    const match = BEARER.exec(authorization);
    if (match?.[1]) value = match[1];
    else if (BEARER_SCHEME.test(authorization)) {
      throw invalidRequest('The Authorization header must be "Bearer <token>".');
    }
    // Another scheme (Basic, Digest, …) carries no bearer token: RFC 6750 §3.1 answers such a
    // request like one with no credential, 401 with the bare challenge.
  }
  const apiKey = headerValue(headers, "x-api-key");
  if (apiKey !== null) {
    if (value === null) [value, scheme] = [apiKey, "apiKeyHeader"];
    else if (value !== apiKey) throw twoCredentials();
  }
  const altKey = headerValue(headers, "api-key");
  if (altKey !== null) {
    if (value === null) [value, scheme] = [altKey, "apiKeyAltHeader"];
    else if (value !== altKey) throw twoCredentials();
  }
  const token = operation.queryScheme === null ? null : (search?.get("token") ?? null);
  if (token !== null && operation.queryScheme !== null) {
    if (value === null) [value, scheme] = [token, operation.queryScheme];
    else if (value !== token) throw twoCredentials();
  }
  return value === null ? null : { value, scheme };
}

function twoCredentials() {
  return invalidRequest(
    "Send one credential per request: the request carries two different ones (for example Authorization and X-API-Key disagree).",
  );
}
