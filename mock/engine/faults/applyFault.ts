// What a fired fault rule does to the request. Statuses are those the spec declares for every
// operation a rule can match (429 and 503 everywhere; 401 on every operation taking a
// credential), so a faulted answer still keeps the contract that `--strict` and Prism check.

import { sleep as wait } from "../../../src/retry.js";
import type { EngineAnswer } from "../EngineAnswer.js";
import { ProblemError } from "../ProblemError.js";
import { invalidToken } from "../wwwAuthenticate.js";
import type { FaultAction } from "./FaultRules.js";

/**
 * The answer that stands for a dropped connection: the node adapter destroys the socket,
 * `sandbox.fetch` rejects as fetch does, and MSW's handlers fail the intercepted fetch.
 */
function droppedConnection(): EngineAnswer {
  return { status: 0, headers: {}, body: null, drop: true };
}

/**
 * Throws the faulted problem, returns the dropped-connection answer, or (for a delay) waits and
 * returns null so the request goes on as usual.
 */
export async function applyFault(
  action: FaultAction,
  signal: AbortSignal | undefined,
): Promise<EngineAnswer | null> {
  switch (action.type) {
    case "delay":
      await wait(action.delay_ms, signal);
      return null;
    case "drop":
      return droppedConnection();
    case "token_expired":
      throw invalidToken(
        "token_expired",
        "The credential has expired; refresh the session or use a current key.",
      );
    case "status": {
      if (action.status === 429) {
        const after = action.retry_after ?? 1;
        throw new ProblemError(
          429,
          "rate_limited",
          `Too many requests for this credential; retry after ${after} seconds.`,
          { retry_after: after },
          { "retry-after": String(after) },
        );
      }
      const after = action.retry_after;
      throw new ProblemError(
        503,
        "service_unavailable",
        after === undefined
          ? "The service is unavailable; retry later."
          : `The service is unavailable; retry after ${after} seconds.`,
        after === undefined ? {} : { retry_after: after },
        after === undefined ? {} : { "retry-after": String(after) },
      );
    }
  }
}
