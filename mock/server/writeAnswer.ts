// The engine's answer to node:http: one writeHead with the header record as a flat list, then the
// body in one end() with a Content-Length, or chunk by chunk for a stream (server-sent events).
import type { ServerResponse } from "node:http";
import type { EngineAnswer } from "../engine/EngineAnswer.js";

export interface WriteOptions {
  /** Flat name/value list appended to the answer's own headers (CORS). */
  extraHeaders?: readonly string[] | undefined;
  /** The request was a HEAD: headers only. */
  head?: boolean;
  /** Streaming answers are in this set while they stream, so a shutdown can end them. */
  streams?: Set<ServerResponse> | undefined;
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

async function pump(body: ReadableStream<Uint8Array>, res: ServerResponse): Promise<void> {
  const reader = body.getReader();
  // The client went away, or the server is shutting down: stop the producer (its `cancel`
  // runs, so a job's event timer stops) instead of generating into a closed socket.
  const stop = () => void reader.cancel().catch(() => {});
  res.once("close", stop);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || res.writableEnded || res.destroyed) break;
      if (!res.write(value)) await drained(res);
    }
  } finally {
    res.off("close", stop);
    if (!res.writableEnded && !res.destroyed) res.end();
  }
}

/**
 * Writes `answer` to `res`. Returns a promise only for a stream (settled when it ends or the client
 * leaves); a throw or a rejection is the caller's to answer.
 */
export function writeAnswer(
  answer: EngineAnswer,
  res: ServerResponse,
  { extraHeaders, head = false, streams }: WriteOptions = {},
): Promise<void> | undefined {
  const body = answer.body;
  if (answer.drop) {
    if (body instanceof ReadableStream) body.cancel().catch(() => {});
    res.destroy();
    return undefined;
  }
  const list: string[] = [];
  const record = answer.headers;
  for (const name in record) list.push(name, record[name] as string);
  if (extraHeaders) for (const item of extraHeaders) list.push(item);
  const status = answer.status;
  if (body instanceof ReadableStream) {
    if (head) {
      body.cancel().catch(() => {});
      res.writeHead(status, list);
      res.end();
      return undefined;
    }
    res.writeHead(status, list);
    // Send the status line and headers now: an EventSource waits for them before anything else.
    res.flushHeaders();
    streams?.add(res);
    return pump(body, res).finally(() => streams?.delete(res));
  }
  if (body === null) {
    // Framed with a length, not chunked, except where HTTP forbids one.
    if (status !== 204 && status !== 304) list.push("content-length", "0");
    res.writeHead(status, list);
    res.end();
    return undefined;
  }
  const length = typeof body === "string" ? Buffer.byteLength(body) : body.byteLength;
  list.push("content-length", `${length}`);
  res.writeHead(status, list);
  res.end(head ? undefined : body);
  return undefined;
}
