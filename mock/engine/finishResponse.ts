import type { RequestState } from "./createRequestHandler.js";
import type { EngineAnswer } from "./EngineAnswer.js";
import type { LogEntry } from "./EngineContext.js";
import type { EngineRequest } from "./EngineRequest.js";
import { isJournalRead } from "./journal/createRequestJournal.js";
import { redactTarget } from "./redactTarget.js";
import { contractViolation } from "./respond.js";

/**
 * The answer to a request that threw, built from the problem of the decision's deciding step.
 * In strict mode an implementation's problem must use a status the operation declares; one that
 * does not is decided by a `contract` step instead, a 500 naming the mismatch.
 */
export function errorResponse(thrown: unknown, state: RequestState, strict: boolean): EngineAnswer {
  const { decision, operation } = state;
  let problem = decision.decide(thrown, state.id);
  if (
    strict &&
    state.ranHandler &&
    operation !== null &&
    problem.status !== 500 &&
    !operation.responses.has(String(problem.status))
  ) {
    const declared = [...operation.responses.keys()].join(", ");
    problem = decision.fail(
      "contract",
      contractViolation(
        operation,
        problem.status,
        `status ${problem.status} (${problem.code}) is not declared (declared: ${declared})`,
      ),
    );
  }
  return problem.toAnswer(state.id);
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
  // Reads of the request journal (an inspector polls it every second) are not logged either.
  if (logger && !isJournalRead(state.operation)) {
    const entry: LogEntry = {
      requestId: state.id,
      method: request.method,
      path: redactTarget(request),
      status: answer.status,
      ms: Math.round((performance.now() - started) * 1000) / 1000,
    };
    if (state.principal) entry.principal = `${state.principal.kind}:${state.principal.id}`;
    const problem = state.decision.problem;
    if (problem !== null) {
      entry.code = problem.code;
      entry.check = state.decision.lastCheck;
    } else if (error !== undefined) entry.code = "internal_error";
    logger(entry);
  }
  return answer;
}
