// The engine behind the fetch contract: a Web Request read into the engine's request interface,
// its answer built into a Web Response. Used by `engine.fetch`, `sandbox.fetch`, MSW and browsers.
import type { EngineAnswer } from "./EngineAnswer.js";
import type { EngineRequest } from "./EngineRequest.js";
import { BODY_LIMIT } from "./readJsonBody.js";

/** At most BODY_LIMIT + 1 bytes: enough for the engine to see "too large", never the whole upload. */
async function readLimited(body: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > BODY_LIMIT) {
      // Not awaited: a body that came through MSW's interceptor never settles its cancel().
      reader.cancel().catch(() => {});
      break;
    }
  }
  const kept = Math.min(size, BODY_LIMIT + 1);
  if (chunks.length === 1) return (chunks[0] as Uint8Array).subarray(0, kept);
  const bytes = new Uint8Array(kept);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk.subarray(0, kept - offset), offset);
    offset += Math.min(chunk.byteLength, kept - offset);
  }
  return bytes;
}

/**
 * `request` as the engine reads it; `basePath` (such as `/api`) is taken off the front of the path
 * when the sandbox is mounted under one. A declared Content-Length over the limit is not read:
 * the engine answers 413 from the header alone.
 */
export async function fromWebRequest(request: Request, basePath = ""): Promise<EngineRequest> {
  const url = request.url;
  const pathStart = url.indexOf("/", url.indexOf("//") + 2);
  let end = url.indexOf("#", pathStart);
  if (end < 0) end = url.length;
  const queryStart = url.indexOf("?", pathStart);
  const hasQuery = queryStart >= 0 && queryStart < end;
  let path = pathStart < 0 ? "/" : url.slice(pathStart, hasQuery ? queryStart : end);
  if (basePath !== "" && path.startsWith(`${basePath}/`)) path = path.slice(basePath.length);
  const declared = Number(request.headers.get("content-length") ?? 0);
  const body =
    request.body === null || declared > BODY_LIMIT ? null : await readLimited(request.body);
  return {
    method: request.method,
    path,
    query: hasQuery ? url.slice(queryStart + 1, end) : "",
    headers: request.headers,
    // A zero-length body is no body, as the node adapter sees it.
    body: body === null || body.byteLength === 0 ? null : body,
    signal: request.signal,
    origin: pathStart < 0 ? url : url.slice(0, pathStart),
  };
}

/** The answer as a Web Response; a dropped connection rejects as a network failure does. */
export function toWebResponse(answer: EngineAnswer, method = "GET"): Response {
  if (answer.drop) {
    if (answer.body instanceof ReadableStream) answer.body.cancel().catch(() => {});
    throw new TypeError("fetch failed: the sandbox dropped the connection (fault injection).");
  }
  let body = answer.body;
  if (method === "HEAD" && body !== null) {
    if (body instanceof ReadableStream) body.cancel().catch(() => {});
    body = null;
  }
  // Uint8Array<ArrayBufferLike> is a BodyInit at run time; TypeScript's DOM types want ArrayBuffer.
  return new Response(body as BodyInit | null, { status: answer.status, headers: answer.headers });
}
