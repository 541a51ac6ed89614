// The `fault` step of the pipeline: once a request is known valid and whose it is, the first
// fault rule of its workspace that matches fires (POST /_sandbox/faults).
import type { OperationId } from "../../../src/generated/security.js";
import type { EngineAnswer } from "../EngineAnswer.js";
import type { EngineContext } from "../EngineContext.js";
import type { Decision } from "../journal/Decision.js";
import { ProblemError } from "../ProblemError.js";
import type { Principal } from "../types.js";
import { applyFault } from "./applyFault.js";
import { faultWorkspace } from "./faultWorkspace.js";

// Constants, one per action: the journal keeps a passing step's detail by reference.
const FIRED = {
  status: "a fault rule fired: status",
  delay: "a fault rule fired: delay",
  drop: "a fault rule fired: drop",
  token_expired: "a fault rule fired: token_expired",
} as const;

/** What the request describes to the rules. */
export interface FaultTarget {
  operationId: OperationId;
  method: string;
  path: string;
  principal: Principal | null;
  body: unknown;
  signal: AbortSignal | undefined;
}

/**
 * Null when no rule fired or a delay did and the request goes on; the dropped-connection answer
 * for a drop; a fault's problem is thrown as the failing `fault` step.
 */
export async function fireFaultRule(
  ctx: EngineContext,
  decision: Decision,
  target: FaultTarget,
): Promise<EngineAnswer | null> {
  const { operationId, method, path, principal, body, signal } = target;
  const owner = faultWorkspace(ctx, operationId, principal, body);
  const action = owner && ctx.faults.take({ ...owner, operationId, method, path });
  if (!action) return null;
  let dropped: EngineAnswer | null;
  try {
    dropped = await applyFault(action, signal);
  } catch (error) {
    throw error instanceof ProblemError ? decision.fail("fault", error) : error;
  }
  decision.pass("fault", FIRED[action.type]);
  return dropped;
}
