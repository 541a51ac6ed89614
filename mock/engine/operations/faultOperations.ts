// The fault controls under /_sandbox/faults: add a rule for one workspace, list, clear.
import { type OperationId, operationSecurity } from "../../../src/generated/security.js";
import type { EngineContext } from "../EngineContext.js";
import { notFound } from "../issueKey.js";
import { ProblemError } from "../ProblemError.js";
import type { OperationHandlers } from "../types.js";

type FaultOperationId = "listSandboxFaults" | "createSandboxFault" | "clearSandboxFaults";

/** Operations a rule may name: those a request can be attributed to a workspace on. */
function faultable(operationId: string): boolean {
  const security = operationSecurity[operationId as OperationId];
  if (security === undefined || security.sandboxOnly) return false;
  return !security.public || operationId === "authenticate" || operationId === "refreshSession";
}

function invalid(pointer: string, detail: string): ProblemError {
  return new ProblemError(400, "validation_failed", detail, { errors: [{ pointer, detail }] });
}

export function faultOperations(ctx: EngineContext): Pick<OperationHandlers, FaultOperationId> {
  return {
    listSandboxFaults(input) {
      return { status: 200, body: { data: ctx.faults.list(input.query?.workspace_id) } };
    },

    createSandboxFault(input) {
      const rule = input.body;
      // The spec requires the body; validation has refused a request without one.
      if (rule === undefined) throw invalid("/body", "Send the rule as a JSON body.");
      if (!ctx.store.workspaces.has(rule.workspace_id)) {
        throw notFound(`workspace ${rule.workspace_id}`);
      }
      const operationId = rule.match.operation_id;
      if (operationId !== undefined && !faultable(operationId)) {
        throw invalid(
          "/body/match/operation_id",
          `${operationId} is not an operation a fault rule can take: name one of this API's /v1 operations.`,
        );
      }
      if (rule.seed !== undefined && rule.probability === undefined) {
        throw invalid("/body/seed", "A seed only makes sense with a probability; add one.");
      }
      return { status: 201, body: ctx.faults.add(ctx.crypto.id("flt"), rule, ctx.clock.now()) };
    },

    clearSandboxFaults(input) {
      return { status: 200, body: { cleared: ctx.faults.clear(input.query?.workspace_id) } };
    },
  };
}
