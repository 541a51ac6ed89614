import { secretQueryParameters } from "../../src/generated/security.js";
import type { RequestState } from "./createRequestHandler.js";
import type { EngineAnswer } from "./EngineAnswer.js";
import type { LogEntry } from "./EngineContext.js";
import type { EngineRequest } from "./EngineRequest.js";
import { isProblemError, ProblemError } from "./ProblemError.js";
import { redactSecrets } from "./redactSecrets.js";
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
): EngineAnswer {
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
      ).toAnswer(requestId);
    }
    return error.toAnswer(requestId);
  }
  return new ProblemError(
    500,
    "internal_error",
    `The sandbox failed while answering this request; quote request id ${requestId} when reporting it.`,
  ).toAnswer(requestId);
}

/** The path and query for a log line: secret query values and credential-shaped path parts redacted. */
function redact(request: EngineRequest): string {
  // A logger of the user's sees this path: a credential in a path segment is removed here too.
  if (request.query === "") return redactSecrets(request.path);
  const search = new URLSearchParams(request.query);
  for (const name of secretQueryParameters) {
    if (search.has(name)) search.set(name, "[redacted]");
  }
  return redactSecrets(`${request.path}?${search.toString()}`);
}

/** Stamps X-Request-Id and RateLimit-* on every answer and writes the log entry. */
export function finishResponse(
  answer: EngineAnswer,
  request: EngineRequest,
  state: RequestState,
  error: unknown,
  started: number,
  logger: ((entry: LogEntry) => void) | undefined,
): EngineAnswer {
  answer.headers["x-request-id"] = state.id;
  if (state.rateHeaders !== null) Object.assign(answer.headers, state.rateHeaders);
  if (logger) {
    const entry: LogEntry = {
      requestId: state.id,
      method: request.method,
      path: redact(request),
      status: answer.status,
      ms: Math.round((performance.now() - started) * 1000) / 1000,
    };
    if (state.principal) entry.principal = `${state.principal.kind}:${state.principal.id}`;
    if (isProblemError(error)) entry.code = error.code;
    else if (error !== undefined) entry.code = "internal_error";
    logger(entry);
  }
  return answer;
}
