// The last stage of the pipeline: the operation's implementation (the `handler` step), then its
// result checked against the spec and serialised (the `contract` step under --strict).
import type { OperationId } from "../../src/generated/security.js";
import type { CompiledOperation } from "./compileOperations.js";
import type { EngineAnswer } from "./EngineAnswer.js";
import type { EngineRequest } from "./EngineRequest.js";
import { ProblemError } from "./ProblemError.js";
import type { RequestState } from "./RequestState.js";
import { respond } from "./respond.js";
import type { OperationHandlers, OperationInput, OperationResult, Principal } from "./types.js";

type AnyHandler = (input: OperationInput<OperationId>) => Promise<OperationResult<OperationId>>;

/** What the pipeline hands the implementation, validated. */
export interface CallInput {
  path: unknown;
  query: unknown;
  body: unknown;
  principal: Principal | null;
  agentId: string | null;
}

export async function invokeOperation(
  handlers: OperationHandlers,
  strict: boolean,
  operation: CompiledOperation,
  request: EngineRequest,
  state: RequestState,
  { path, query, body, principal, agentId }: CallInput,
): Promise<EngineAnswer> {
  state.ranHandler = true;
  const handler = handlers[operation.operationId] as unknown as AnyHandler;
  let result: OperationResult<OperationId>;
  try {
    result = await handler({
      operationId: operation.operationId,
      request,
      requestId: state.id,
      path: path as never,
      query: query as never,
      body: body as never,
      principal,
      agentId,
    });
  } catch (error) {
    throw error instanceof ProblemError ? state.decision.fail("handler", error) : error;
  }
  state.decision.pass("handler");
  try {
    return respond(result, operation, state.id, strict);
  } catch (error) {
    throw error instanceof ProblemError ? state.decision.fail("contract", error) : error;
  }
}
