import type { OperationId } from "../../src/generated/security.js";
import type { CompiledOperation } from "./compileOperations.js";
import { PlainResponse } from "./PlainResponse.js";
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
 * An implementation's result as an answer: JSON results are serialised with their headers into a
 * PlainResponse (no Response built yet), ready Responses (streams, file bytes) pass through. In strict mode each is first checked
 * against the operation's declared responses.
 */
export function respond(
  result: OperationResult<OperationId>,
  operation: CompiledOperation,
  requestId: string,
  strict: boolean,
): Response | PlainResponse {
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
  if (result.body === undefined) {
    // No body (a 204-style answer): a Response, since a plain answer always carries text.
    return new Response(null, {
      status: result.status,
      headers: { ...result.headers, "x-request-id": requestId },
    });
  }
  const headers: Record<string, string> = {};
  // Lower-case names, as a Headers object would give them, so later steps can set by name.
  if (result.headers) {
    for (const [name, value] of Object.entries(result.headers)) {
      headers[name.toLowerCase()] = String(value);
    }
  }
  headers["content-type"] = "application/json";
  headers["x-request-id"] = requestId;
  return new PlainResponse(result.status, headers, JSON.stringify(result.body));
}
