// Every operation of the spec, implemented. `OperationHandlers` maps each operationId of the
// generated types to its handler, so an operation added to openapi.yaml without an
// implementation here fails the type check.
import type { EngineContext } from "../EngineContext.js";
import type { OperationHandlers } from "../types.js";
import { agentOperations } from "./agentOperations.js";
import { authOperations } from "./authOperations.js";
import { discoveryOperations } from "./discoveryOperations.js";
import { downloadOperations } from "./downloadOperations.js";
import { faultOperations } from "./faultOperations.js";
import { healthOperations } from "./healthOperations.js";
import { identityOperations } from "./identityOperations.js";
import { intakeOperations } from "./intakeOperations.js";
import { invokeOperations } from "./invokeOperations.js";
import { jobOperations } from "./jobOperations.js";
import { keyOperations } from "./keyOperations.js";
import { requestOperations } from "./requestOperations.js";
import { sandboxOperations } from "./sandboxOperations.js";

export function createHandlers(ctx: EngineContext): OperationHandlers {
  return {
    ...authOperations(ctx),
    ...agentOperations(ctx),
    ...keyOperations(ctx),
    ...invokeOperations(ctx),
    ...jobOperations(ctx),
    ...downloadOperations(ctx),
    ...intakeOperations(ctx),
    ...discoveryOperations(ctx),
    ...sandboxOperations(ctx),
    ...healthOperations(ctx),
    ...identityOperations(ctx),
    ...faultOperations(ctx),
    ...requestOperations(ctx),
  };
}
