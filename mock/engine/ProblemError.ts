import type { EngineAnswer } from "./EngineAnswer.js";
import { redactSecrets } from "./redactSecrets.js";
import type { ErrorCode } from "./types.js";

const titles: Record<ErrorCode, string> = {
  credentials_missing: "Credentials missing",
  token_malformed: "Token malformed",
  token_unknown: "Token unknown",
  token_revoked: "Token revoked",
  token_expired: "Token expired",
  live_key_in_sandbox: "Live key in sandbox",
  refresh_token_reused: "Refresh token reused",
  invalid_credentials: "Invalid credentials",
  invalid_request: "Invalid request",
  validation_failed: "Validation failed",
  agent_context_required: "Agent context required",
  insufficient_scope: "Insufficient scope",
  credential_kind_not_allowed: "Credential kind not allowed",
  agent_mismatch: "Agent mismatch",
  agent_forbidden: "Agent forbidden",
  workspace_mismatch: "Workspace mismatch",
  team_mismatch: "Team mismatch",
  resource_mismatch: "Resource mismatch",
  scope_escalation: "Scope escalation",
  not_found: "Not found",
  method_not_allowed: "Method not allowed",
  host_not_allowed: "Host not allowed",
  cross_origin_refused: "Cross-origin request refused",
  conflict: "Conflict",
  payload_too_large: "Payload too large",
  unsupported_media_type: "Unsupported media type",
  rate_limited: "Rate limited",
  internal_error: "Internal error",
  store_unavailable: "Store unavailable",
  service_unavailable: "Service unavailable",
};

export interface ProblemExtras {
  required_scopes?: readonly string[];
  errors?: readonly { pointer: string; detail: string }[];
  retry_after?: number;
}

/**
 * Thrown anywhere in the engine to answer with an RFC 9457 problem document. `detail` must be a
 * sentence a person can act on and must never contain a credential.
 */
export class ProblemError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly detail: string;
  readonly extras: ProblemExtras;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: ErrorCode,
    detail: string,
    extras: ProblemExtras = {},
    headers: Record<string, string> = {},
  ) {
    super(`${status} ${code}: ${detail}`);
    this.name = "ProblemError";
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.extras = extras;
    this.headers = headers;
  }

  /**
   * The problem document for this error, stamped with the request's id. The detail, the field
   * errors and the headers pass through redactSecrets: text that quotes a path, a header value or
   * a body's property name (404, 405, 400, …) cannot carry a credential out, whatever its encoding.
   */
  toAnswer(requestId: string): EngineAnswer {
    const body = {
      type: `urn:latchkey:problem:${this.code}`,
      title: titles[this.code],
      status: this.status,
      detail: redactSecrets(this.detail),
      code: this.code,
      request_id: requestId,
      ...this.extras,
    };
    // A field error names the field, and a body's property name can be anything a client sent.
    if (this.extras.errors) {
      body.errors = this.extras.errors.map(({ pointer, detail }) => ({
        pointer: redactSecrets(pointer),
        detail: redactSecrets(detail),
      }));
    }
    return {
      status: this.status,
      headers: {
        "content-type": "application/problem+json",
        "x-request-id": requestId,
        ...redactedHeaders(this.headers),
      },
      body: JSON.stringify(body),
    };
  }
}

function redactedHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) out[name] = redactSecrets(headers[name] as string);
  return out;
}

export function isProblemError(value: unknown): value is ProblemError {
  return value instanceof ProblemError;
}
