import type { OperationId } from "../../src/generated/security.js";
import type { CompiledOperation } from "./compileOperations.js";
import { ProblemError } from "./ProblemError.js";
import type { OperationResult } from "./types.js";
import { validateResponse } from "./validateResponse.js";

/** Strict mode's verdict on an answer that breaks the contract: a 500 that names the breach. */
export function contractViolation(
  operation: CompiledOperation,
  status: number,
  violation: string,
): ProblemError {
  return new ProblemError(
    500,
    "internal_error",
    `Strict mode: the ${status} response of ${operation.operationId} does not match the spec: ${violation}.`,
  );
}

/**
 * An implementation's result as a Response: JSON results are serialised with their headers,
 * ready Responses (streams, file bytes) pass through. In strict mode each is first checked
 * against the operation's declared responses.
 */
export function respond(
  result: OperationResult<OperationId>,
  operation: CompiledOperation,
  requestId: string,
  strict: boolean,
): Response {
  if (result instanceof Response) {
    if (strict) {
      const type = result.headers.get("content-type");
      const violation = validateResponse(operation, result.status, type, undefined, false);
      if (violation !== null) throw contractViolation(operation, result.status, violation);
    }
    return result;
  }
  if (strict) {
    const violation = validateResponse(
      operation,
      result.status,
      "application/json",
      result.body,
      true,
    );
    if (violation !== null) throw contractViolation(operation, result.status, violation);
  }
  return new Response(JSON.stringify(result.body), {
    status: result.status,
    headers: {
      ...result.headers,
      "content-type": "application/json",
      "x-request-id": requestId,
    },
  });
}
