import { ProblemError } from "./ProblemError.js";
import type { ErrorCode } from "./types.js";

/** The bare RFC 6750 challenge, sent when no credential came at all. */
export const BEARER_CHALLENGE = 'Bearer realm="latchkey"';

function quote(text: string): string {
  return `"${text.replace(/["\\]/g, "\\$&")}"`;
}

function challenge(error: string, description: string): string {
  return `${BEARER_CHALLENGE}, error="${error}", error_description=${quote(description)}`;
}

/** 401 for a credential that is malformed, unknown, revoked, expired or live. */
export function invalidToken(code: ErrorCode, detail: string): ProblemError {
  return new ProblemError(
    401,
    code,
    detail,
    {},
    { "www-authenticate": challenge("invalid_token", detail) },
  );
}

/** 400 for a request that carries credentials wrongly (two of them, in a query, bad header). */
export function invalidRequest(detail: string): ProblemError {
  return new ProblemError(
    400,
    "invalid_request",
    detail,
    {},
    { "www-authenticate": challenge("invalid_request", detail) },
  );
}

/** 401 when a secured operation got no credential: the challenge carries no error (RFC 6750 §3.1). */
export function credentialsMissing(): ProblemError {
  return new ProblemError(
    401,
    "credentials_missing",
    "This operation needs a credential: send Authorization: Bearer <token> or X-API-Key: <key>.",
    {},
    { "www-authenticate": BEARER_CHALLENGE },
  );
}

/** 403 naming every scope the operation needs, in the header and in `required_scopes`. */
export function insufficientScope(required: readonly string[]): ProblemError {
  const list = required.join(" ");
  const plural = required.length === 1 ? "scope" : "scopes";
  return new ProblemError(
    403,
    "insufficient_scope",
    `This operation needs the ${plural} ${required.join(", ")}, which this credential lacks.`,
    { required_scopes: required },
    { "www-authenticate": `${BEARER_CHALLENGE}, error="insufficient_scope", scope=${quote(list)}` },
  );
}
