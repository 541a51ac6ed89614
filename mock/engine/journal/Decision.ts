// The decision of one request, as the checks that made it. Each check writes its own step as it
// runs; a failing step keeps its problem, and the answer is built from that problem — the chain
// is the decision, not an account of it written beside, so the journal and the answer agree.
// Steps are kept flat (check, outcome, detail, check, …): one array a request, not an object a
// step, since the journal keeps thousands of them alive. A passing step may leave its detail to
// be described when the entry is read (`null`), from what the request recorded.

import { isProblemError, ProblemError } from "../ProblemError.js";
import { redactSecrets } from "../redactSecrets.js";
import type { Schemas } from "../types.js";

export type DecisionStep = Schemas["DecisionStep"];
export type CheckName = DecisionStep["check"];
export type Outcome = DecisionStep["outcome"];

export class Decision {
  /** `check, outcome, detail` for each step in order; a `null` detail is described on read. */
  readonly trail: (string | null)[] = [];
  /** The problem of the step that refused the request, once one has. */
  problem: ProblemError | null = null;

  record(check: CheckName, outcome: Outcome, detail: string | null): void {
    this.trail.push(check, outcome, detail);
  }

  pass(check: CheckName, detail: string | null = null): void {
    this.trail.push(check, "pass", detail);
  }

  skip(check: CheckName, detail: string): void {
    this.trail.push(check, "skip", detail);
  }

  /** Records `check` as the deciding failure and returns its problem, for the caller to throw. */
  fail(check: CheckName, problem: ProblemError): ProblemError {
    // A detail may quote the path or a body's field name (404, 405, 400): redacted as the answer is.
    this.trail.push(check, "fail", redactSecrets(problem.detail));
    this.problem = problem;
    return problem;
  }

  /** Runs a check that refuses by throwing a problem: its throw becomes the failing step. */
  run<T>(check: CheckName, detail: string | null, body: () => T): T {
    let value: T;
    try {
      value = body();
    } catch (error) {
      throw isProblemError(error) ? this.fail(check, error) : error;
    }
    this.trail.push(check, "pass", detail);
    return value;
  }

  /** The check of the last step: the deciding one. */
  get lastCheck(): CheckName | undefined {
    return this.trail[this.trail.length - 3] as CheckName | undefined;
  }

  /**
   * The problem that decides the answer to a request that threw. A problem no step recorded is
   * not expected (every throwing check runs through `run` or `fail`); anything else is a bug of
   * the sandbox, decided by the `internal` step as a generic 500.
   */
  decide(thrown: unknown, requestId: string): ProblemError {
    if (this.problem !== null) return this.problem;
    const problem = isProblemError(thrown)
      ? thrown
      : new ProblemError(
          500,
          "internal_error",
          `The sandbox failed while answering this request; quote request id ${requestId} when reporting it.`,
        );
    return this.fail("internal", problem);
  }
}

/** The steps of a trail, each described: `describe` fills a pass recorded without a detail. */
export function stepsOf(
  trail: readonly (string | null)[],
  describe: (check: CheckName) => string,
): DecisionStep[] {
  const steps: DecisionStep[] = [];
  for (let i = 0; i < trail.length; i += 3) {
    const check = trail[i] as CheckName;
    const detail = trail[i + 2];
    steps.push({
      check,
      outcome: trail[i + 1] as Outcome,
      detail: detail ?? describe(check),
    });
  }
  return steps;
}
