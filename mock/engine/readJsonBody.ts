import type { CompiledOperation } from "./compileOperations.js";
import type { EngineRequest } from "./EngineRequest.js";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "./jsonDepth.js";
import { ProblemError } from "./ProblemError.js";
import { validationFailed } from "./validateRequest.js";

export const BODY_LIMIT = 1_048_576;

/** A parsed body and the bytes it came from (idempotent requests are fingerprinted by those). */
export interface JsonBody {
  value: unknown;
  /** Null when no body was sent. */
  bytes: Uint8Array | null;
}

export const NO_BODY: JsonBody = { value: undefined, bytes: null };

const tooLarge = () =>
  new ProblemError(413, "payload_too_large", `The body is over the limit of ${BODY_LIMIT} bytes.`);

function isJson(contentType: string | null): boolean {
  if (contentType === null) return false;
  const type = contentType.split(";", 1)[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

/**
 * The request's JSON body for operations that take one: 413 over the limit, 415 for another
 * media type, 400 `validation_failed` at `/body` for bytes that are not JSON or a missing
 * required body, or one nested deeper than MAX_JSON_DEPTH. NO_BODY when no body was sent and
 * none is required.
 */
export function readJsonBody(request: EngineRequest, operation: CompiledOperation): JsonBody {
  if (!operation.body) return absent(operation);
  const contentLength = request.headers.get("content-length");
  // Checked first: an adapter does not read a body whose declared length is over the limit.
  if (contentLength !== null && Number(contentLength) > BODY_LIMIT) throw tooLarge();
  const bytes = request.body;
  if (bytes === null || bytes.byteLength === 0) return absent(operation);
  if (bytes.byteLength > BODY_LIMIT) throw tooLarge();
  if (!isJson(request.headers.get("content-type"))) {
    throw new ProblemError(
      415,
      "unsupported_media_type",
      "Send the body as application/json (Content-Type: application/json).",
    );
  }
  if (nestsDeeperThan(bytes, MAX_JSON_DEPTH)) {
    throw new ProblemError(
      400,
      "validation_failed",
      `The body nests arrays and objects deeper than the limit of ${MAX_JSON_DEPTH} levels.`,
      { errors: [{ pointer: "/body", detail: `must nest at most ${MAX_JSON_DEPTH} levels` }] },
    );
  }
  try {
    return { value: JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)), bytes };
  } catch {
    // No parser message: it quotes the body, which may hold a secret.
    throw validationFailed([{ pointer: "/body", detail: "is not valid JSON" }]);
  }
}

function absent(operation: CompiledOperation): JsonBody {
  if (operation.body?.required) {
    throw validationFailed([{ pointer: "/body", detail: "is required" }]);
  }
  return NO_BODY;
}
