// A Web Response → node:http's ServerResponse: one writeHead, then the body in one write for
// ordinary answers, or chunk by chunk, flushed as it comes, for streams.
import type { ServerResponse } from "node:http";
import { type EngineAnswer, PlainResponse } from "../engine/PlainResponse.js";
import { writePlain } from "./writePlain.js";

/** Raw name/value list for writeHead, plus any headers the server adds (CORS). */
function headerList(response: Response, extra: readonly string[] | undefined): string[] {
  const list: string[] = [];
  let cookies = false;
  response.headers.forEach((value, name) => {
    // Headers folds several Set-Cookie values into one line; they must go out one per line.
    if (name === "set-cookie") cookies = true;
    else list.push(name, value);
  });
  if (cookies)
    for (const cookie of response.headers.getSetCookie()) list.push("set-cookie", cookie);
  if (extra) for (const item of extra) list.push(item);
  return list;
}

/**
 * The string or bytes a Response was made from, if it still holds them untouched; null when it
 * has no body; undefined when the body must be read as a stream. A LightResponse says so itself.
 * undici keeps the source beside the stream it wraps it in; reading it skips the web-stream
 * machinery, which costs more than the rest of the adapter (the same trick @hono/node-server
 * uses). Another fetch implementation, or a body already touched, goes through the stream.
 */
const stateKey = Object.getOwnPropertySymbols(new Response(null)).find(
  (symbol) => symbol.description === "state",
);

interface UndiciState {
  body?: { source?: unknown; stream?: ReadableStream } | null;
}

function sourceOf(response: Response): string | Uint8Array | null | undefined {
  if ("bodySource" in response) {
    return (response as { bodySource: string | Uint8Array | null | undefined }).bodySource;
  }
  if (stateKey === undefined || response.bodyUsed) return undefined;
  const state = (response as unknown as Record<symbol, UndiciState | undefined>)[stateKey];
  if (state === undefined) return undefined;
  const body = state.body;
  if (body === null || body === undefined) return null;
  if (body.stream?.locked) return undefined;
  const source = body.source;
  return typeof source === "string" || source instanceof Uint8Array ? source : undefined;
}

/**
 * Server-sent events (and anything else the sender marks as a stream) must reach the client
 * event by event; every other body the sandbox produces is small and finite, so it is sent in
 * one piece with a Content-Length, which keeps keep-alive connections free of chunked framing.
 */
function isStream(response: Response): boolean {
  const type = response.headers.get("content-type");
  return type?.startsWith("text/event-stream") === true;
}

function writeHead(res: ServerResponse, response: Response, headers: string[]): void {
  // An empty reason phrase would go out as "HTTP/1.1 200 "; Node's default ("OK") reads better.
  if (response.statusText) res.writeHead(response.status, response.statusText, headers);
  else res.writeHead(response.status, headers);
}

async function readAll(body: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const reader = body.getReader();
  const first = await reader.read();
  if (first.done) return new Uint8Array(0);
  const second = await reader.read();
  if (second.done) return first.value;
  const chunks = [first.value, second.value];
  for (;;) {
    const next = await reader.read();
    if (next.done) return Buffer.concat(chunks);
    chunks.push(next.value);
  }
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

export interface WriteOptions {
  /** Flat name/value list appended to the response's own headers. */
  extraHeaders?: readonly string[] | undefined;
  /** The request was a HEAD: headers only. */
  head?: boolean;
  /** Streaming responses are in this set while they stream. */
  streams?: Set<ServerResponse> | undefined;
}

/**
 * Writes `response` to `res`; resolves once the body is handed to the socket or the client left
 * (a plain answer: once it is queued for this loop turn's batch, see writePlain).
 */
export async function writeWebResponse(
  response: EngineAnswer,
  res: ServerResponse,
  { extraHeaders, head = false, streams }: WriteOptions = {},
): Promise<void> {
  if (response instanceof PlainResponse) return writePlain(response, res, extraHeaders, head);
  const headers = headerList(response, extraHeaders);
  const source = sourceOf(response);
  const body = source === undefined ? response.body : null;
  if (source === null || (source === undefined && body === null)) {
    writeHead(res, response, headers);
    res.end();
    return;
  }
  if (body !== null && isStream(response) && !head) {
    writeHead(res, response, headers);
    // Send the status line and headers now: an EventSource waits for them before anything else.
    res.flushHeaders();
    streams?.add(res);
    try {
      await pump(body, res);
    } finally {
      streams?.delete(res);
    }
    return;
  }
  const bytes = source ?? (await readAll(body as ReadableStream<Uint8Array>));
  if (!response.headers.has("content-length")) {
    const length = typeof bytes === "string" ? Buffer.byteLength(bytes) : bytes.length;
    headers.push("content-length", `${length}`);
  }
  writeHead(res, response, headers);
  res.end(head ? undefined : bytes);
}
