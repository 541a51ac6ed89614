import {
  type CredentialKind,
  credentialKinds,
  headerSchemes,
  type SchemeName,
  schemes,
  secretQueryParameters,
  tokenPrefixes,
} from "../../src/generated/security.js";
import type { CompiledOperation } from "./compileOperations.js";
import type { HeaderLookup } from "./EngineRequest.js";
import { invalidRequest } from "./wwwAuthenticate.js";

export interface Credential {
  value: string;
  /** The scheme it arrived through; its scope requirement is the one that applies. */
  scheme: SchemeName;
}

// API keys and JWTs; signed download/stream tokens are made for URLs and are not listed.
const urlKinds: readonly CredentialKind[] = ["download_token", "stream_token"];
const headerOnlyPrefixes = credentialKinds
  .filter((kind) => !urlKinds.includes(kind))
  .map((kind) => tokenPrefixes[kind]);
const looksLikeKey = (value: string) => headerOnlyPrefixes.some((p) => value.startsWith(p));
const BEARER = /^Bearer +([^\s]+) *$/i;
/** The Bearer scheme, however malformed what follows it is. */
const BEARER_SCHEME = /^Bearer(?:\s|$)/i;
/** The key headers (X-API-Key, Api-Key) by lower-case name; Authorization is read apart. */
const keyHeaders = Object.entries(headerSchemes)
  .filter(([, scheme]) => scheme !== "bearerAuth")
  .map(([name, scheme]) => [name, name.toLowerCase(), scheme] as const);

/** 400 for an API key or JWT in the query string, where logs and Referer headers keep it. */
export function rejectKeysInQuery(search: URLSearchParams): void {
  for (const name of secretQueryParameters) {
    for (const value of search.getAll(name)) {
      if (looksLikeKey(value)) {
        throw invalidRequest(
          `An API key or session token was sent in the query parameter "${name}"; send keys in a header (Authorization: Bearer <key>), never in a URL.`,
        );
      }
    }
  }
}

function headerValue(headers: HeaderLookup, name: string, spelled: string): string | null {
  const value = headers.get(name);
  if (value === null) return null;
  const trimmed = value.trim();
  if (trimmed === "" || /\s/.test(trimmed)) {
    throw invalidRequest(`The ${spelled} header must hold exactly one key.`);
  }
  return trimmed;
}

/**
 * The one credential of a request, from `Authorization: Bearer`, `X-API-Key`, `Api-Key` or, on
 * operations whose security lists a query scheme, `?token=`. The same value sent twice counts
 * once; two different values are refused (RFC 6750 §2: one method per request).
 */
export function extractCredential(
  headers: HeaderLookup,
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
  for (const [spelled, name, keyScheme] of keyHeaders) {
    const key = headerValue(headers, name, spelled);
    if (key === null) continue;
    if (value === null) [value, scheme] = [key, keyScheme];
    else if (value !== key) throw twoCredentials();
  }
  const queryScheme = operation.queryScheme;
  const token = queryScheme === null ? null : (search?.get(schemes[queryScheme].name) ?? null);
  if (token !== null && queryScheme !== null) {
    if (value === null) [value, scheme] = [token, queryScheme];
    else if (value !== token) throw twoCredentials();
  }
  return value === null ? null : { value, scheme };
}

function twoCredentials() {
  return invalidRequest(
    "Send one credential per request: the request carries two different ones (for example Authorization and X-API-Key disagree).",
  );
}
