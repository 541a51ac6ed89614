import type { OperationId } from "../../src/generated/security.js";
import type { CompiledOperation } from "./compileOperations.js";
import type { EngineAnswer } from "./EngineAnswer.js";
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

/** Lower-case names, as the answer's header record keeps them, so later steps set by name. */
function lowerCased(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers) for (const name in headers) out[name.toLowerCase()] = String(headers[name]);
  return out;
}

/**
 * An implementation's result as an answer: a JSON result is serialised, a raw one (stream, file
 * bytes) passes through. In strict mode each is first checked against the operation's declared
 * responses.
 */
export function respond(
  result: OperationResult<OperationId>,
  operation: CompiledOperation,
  requestId: string,
  strict: boolean,
): EngineAnswer {
  if ("raw" in result) {
    const headers = lowerCased(result.headers);
    if (strict) {
      const type = headers["content-type"] ?? null;
      const violation = validateResponse(operation, result.status, type, undefined, false);
      if (violation !== null) throw contractViolation(operation, result.status, violation);
    }
    headers["x-request-id"] = requestId;
    return { status: result.status, headers, body: result.raw };
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
  const headers = lowerCased(result.headers);
  headers["x-request-id"] = requestId;
  // No body: a 204-style answer.
  if (result.body === undefined) return { status: result.status, headers, body: null };
  headers["content-type"] = "application/json";
  return { status: result.status, headers, body: JSON.stringify(result.body) };
}
