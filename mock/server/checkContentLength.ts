// A declared Content-Length over the limit is refused from the headers alone: waiting for the
// body first would let a client make the sandbox read (and hold) any amount of data for nothing.
import type { IncomingHttpHeaders } from "node:http";
import { ProblemError } from "../engine/ProblemError.js";
import { BODY_LIMIT } from "../engine/readJsonBody.js";

/** 413 when the request declares a body over the engine's limit, else null. */
export function checkContentLength(headers: IncomingHttpHeaders): ProblemError | null {
  const declared = headers["content-length"];
  if (declared === undefined || !/^[0-9]+$/.test(declared)) return null;
  if (Number(declared) <= BODY_LIMIT) return null;
  return new ProblemError(
    413,
    "payload_too_large",
    `The body is over the limit of ${BODY_LIMIT} bytes (Content-Length: ${declared}); it was not read.`,
  );
}
