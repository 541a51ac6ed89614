import type { RequestState } from "./createRequestHandler.js";
import type { LogEntry } from "./EngineContext.js";
import { type EngineAnswer, PlainResponse } from "./PlainResponse.js";
import { isProblemError, ProblemError } from "./ProblemError.js";
import { contractViolation } from "./respond.js";

/**
 * A thrown error as a problem document. ProblemErrors speak for themselves (in strict mode an
 * implementation's must use a status the operation declares); anything else is a bug, answered
 * with a generic 500 that never carries a stack or a secret.
 */
export function errorResponse(
  error: unknown,
  requestId: string,
  state: RequestState,
  strict: boolean,
): Response {
  if (isProblemError(error)) {
    const operation = state.operation;
    if (
      strict &&
      state.ranHandler &&
      operation !== null &&
      error.status !== 500 &&
      !operation.responses.has(String(error.status))
    ) {
      const declared = [...operation.responses.keys()].join(", ");
      return contractViolation(
        operation,
        error.status,
        `status ${error.status} (${error.code}) is not declared (declared: ${declared})`,
      ).toResponse(requestId);
    }
    return error.toResponse(requestId);
  }
  return new ProblemError(
    500,
    "internal_error",
    `The sandbox failed while answering this request; quote request id ${requestId} when reporting it.`,
  ).toResponse(requestId);
}

function redact(url: string): string {
  const queryStart = url.indexOf("?");
  const pathStart = url.indexOf("/", url.indexOf("//") + 2);
  if (queryStart < 0) return url.slice(pathStart);
  const search = new URLSearchParams(url.slice(queryStart + 1));
  for (const name of ["token", "access_token", "api_key", "apikey", "key"]) {
    if (search.has(name)) search.set(name, "[redacted]");
  }
  return `${url.slice(pathStart, queryStart)}?${search.toString()}`;
}

/** Stamps X-Request-Id and RateLimit-* on every response and writes the log entry. */
export function finishResponse(
  response: EngineAnswer,
  request: Request,
  state: RequestState,
  error: unknown,
  started: number,
  logger: ((entry: LogEntry) => void) | undefined,
): EngineAnswer {
  let out = response;
  // A dropped connection (a fault) is a network error: no status, no headers to stamp.
  if (out instanceof Response && out.type === "error") return out;
  if (out instanceof PlainResponse) {
    // A plain answer's record is its own: set the headers in it directly.
    out.headers["x-request-id"] = state.id;
    if (state.rateHeaders !== null) Object.assign(out.headers, state.rateHeaders);
  } else if (out.headers.get("x-request-id") !== state.id || state.rateHeaders !== null) {
    try {
      out.headers.set("x-request-id", state.id);
    } catch {
      // Immutable headers (a Response from fetch): copy into a fresh one.
      out = new Response(out.body, { status: out.status, headers: new Headers(out.headers) });
      out.headers.set("x-request-id", state.id);
    }
    if (state.rateHeaders !== null) {
      for (const [name, value] of Object.entries(state.rateHeaders)) out.headers.set(name, value);
    }
  }
  if (logger) {
    const entry: LogEntry = {
      requestId: state.id,
      method: request.method,
      path: redact(request.url),
      status: out.status,
      ms: Math.round((performance.now() - started) * 1000) / 1000,
    };
    if (state.principal) entry.principal = `${state.principal.kind}:${state.principal.id}`;
    if (isProblemError(error)) entry.code = error.code;
    else if (error !== undefined) entry.code = "internal_error";
    logger(entry);
  }
  return out;
}
