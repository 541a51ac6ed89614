// The decision of one request, as the checks that made it. Each check writes its own step as it
// runs; a failing step keeps its problem, and the answer is built from that problem — the chain
// is the decision, not an account of it written beside, so the journal and the answer agree.

import { isProblemError, ProblemError } from "../ProblemError.js";
import { redactSecrets } from "../redactSecrets.js";
import type { Schemas } from "../types.js";

export type DecisionStep = Schemas["DecisionStep"];
export type CheckName = DecisionStep["check"];

export class Decision {
  readonly steps: DecisionStep[] = [];
  /** The problem of the step that refused the request, once one has. */
  problem: ProblemError | null = null;

  pass(check: CheckName, detail: string): void {
    this.steps.push({ check, outcome: "pass", detail });
  }

  skip(check: CheckName, detail: string): void {
    this.steps.push({ check, outcome: "skip", detail });
  }

  /** Records `check` as the deciding failure and returns its problem, for the caller to throw. */
  fail(check: CheckName, problem: ProblemError): ProblemError {
    // A detail may quote the path or a body's field name (404, 405, 400): redacted as the answer is.
    this.steps.push({ check, outcome: "fail", detail: redactSecrets(problem.detail) });
    this.problem = problem;
    return problem;
  }

  /** Runs a check that refuses by throwing a problem: its throw becomes the failing step. */
  run<T>(check: CheckName, detail: string | ((value: T) => string), body: () => T): T {
    let value: T;
    try {
      value = body();
    } catch (error) {
      throw isProblemError(error) ? this.fail(check, error) : error;
    }
    this.pass(check, typeof detail === "string" ? detail : detail(value));
    return value;
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
