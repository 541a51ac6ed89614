// node:http's IncomingMessage → a Web Request, paying for undici's Request only when needed.
import type { IncomingMessage } from "node:http";
import { delegateTo, realOf } from "./delegateTo.js";
import { LightHeaders, type RawHeaders } from "./LightHeaders.js";

const RealRequest = globalThis.Request;

/**
 * A Request as the engine reads it: method, URL and headers are plain fields, and `signal` is an
 * AbortController made on first use. undici's constructor (URL parsing, header validation, an
 * AbortSignal with a FinalizationRegistry entry) cost about as much as the engine's whole auth
 * path; most requests never need it. Anything else (the body, clone(), rarer fields) builds the
 * real Request once and forwards to it. `instanceof Request` holds.
 */
export class NodeRequest {
  readonly method: string;
  readonly url: string;
  #raw: RawHeaders;
  #body: Uint8Array<ArrayBuffer> | null;
  #headers: Headers | undefined;
  #real: Request | undefined;
  #controller: AbortController | undefined;
  #aborted = false;
  #stream: ReadableStream<Uint8Array> | undefined;
  #disturbed = false;

  constructor(url: string, method: string, raw: RawHeaders, body: Uint8Array<ArrayBuffer> | null) {
    this.url = url;
    this.method = method;
    this.#raw = raw;
    this.#body = body;
  }

  get headers(): Headers {
    if (this.#real) return this.#real.headers;
    this.#headers ??= LightHeaders.fromRaw(this.#raw) as unknown as Headers;
    return this.#headers;
  }

  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort();
    }
    return this.#controller.signal;
  }

  /**
   * The bytes as a one-chunk stream, made here: undici's Request would also make an AbortSignal
   * and a FinalizationRegistry entry that outlive the request, and under a run of POSTs that
   * garbage, promoted before it could die young, grew the old generation (and RSS) severalfold.
   */
  get body(): ReadableStream<Uint8Array> | null {
    if (this.#real) return this.#real.body;
    const bytes = this.#body;
    if (bytes === null) return null;
    // highWaterMark 0: nothing is pulled until someone reads, which is what `bodyUsed` reports.
    this.#stream ??= new ReadableStream<Uint8Array>(
      {
        pull: (controller) => {
          this.#disturbed = true;
          controller.enqueue(bytes);
          controller.close();
        },
        cancel: () => {
          this.#disturbed = true;
        },
      },
      { highWaterMark: 0 },
    );
    return this.#stream;
  }

  get bodyUsed(): boolean {
    return this.#real ? this.#real.bodyUsed : this.#disturbed;
  }

  /** Called by the adapter when the client goes away before the response is complete. */
  abort(): void {
    this.#aborted = true;
    this.#controller?.abort();
  }

  [realOf](): Request {
    if (this.#real) return this.#real;
    // A body stream already handed out stays the body; one already read leaves a used body.
    const stream = this.#stream;
    const handedOut = stream !== undefined && !stream.locked && !this.#disturbed;
    const real = new RealRequest(this.url, {
      method: this.method,
      // The light headers' real counterpart, so later reads see the same values.
      headers: (this.headers as unknown as LightHeaders)[realOf](),
      body: handedOut ? stream : this.#body,
      signal: this.signal,
      ...(handedOut ? { duplex: "half" } : {}),
    } as RequestInit);
    if (stream !== undefined && !handedOut) real.arrayBuffer().catch(() => undefined);
    this.#real = real;
    return real;
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof RealRequest;
  }
}
delegateTo(NodeRequest, RealRequest);

/** Requests larger than this are cut off here; the engine answers 413 for anything over 1 MB. */
export const maxBodyBytes = 1024 * 1024 + 1;

/** Names, IPv4, bracketed IPv6, with an optional port: cheaper to check than parsing a URL. */
const hostPattern = /^(?:[A-Za-z0-9._~-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;

/**
 * Reads the body into one Buffer (a Uint8Array, which undici takes without a stream). Bodies over
 * the limit are truncated to `maxBodyBytes` so the engine still sees "too large", without this
 * process holding an unbounded upload in memory.
 */
function readBody(req: IncomingMessage): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      if (size >= maxBodyBytes) return;
      chunks.push(chunk);
      size += chunk.length;
    });
    req.on("end", () => {
      const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
      // A Buffer read from a socket is backed by a plain ArrayBuffer, never a shared one.
      resolve(
        (size > maxBodyBytes ? body.subarray(0, maxBodyBytes) : body) as Uint8Array<ArrayBuffer>,
      );
    });
    req.on("error", reject);
    // A client that gives up mid-upload may end the stream with neither "end" nor "error".
    req.on("close", () => {
      if (!req.complete) reject(new Error("The client closed the connection during the upload."));
    });
  });
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers["content-length"];
  if (length !== undefined) return length !== "0";
  return req.headers["transfer-encoding"] !== undefined;
}

/**
 * The Web Request for `req`; `origin` stands in for a missing Host header. Returned directly when
 * there is no body to wait for (most requests), so the caller need not spend a promise on it.
 * Throws on a Host that cannot be part of a URL.
 */
export function toWebRequest(
  req: IncomingMessage,
  origin: string,
): NodeRequest | Promise<NodeRequest> {
  const host = req.headers.host;
  // A Host that could not be part of a URL would only fail later, deep in the engine.
  if (host !== undefined && !hostPattern.test(host)) throw new TypeError("Invalid Host header.");
  const url = host ? `http://${host}${req.url ?? "/"}` : `${origin}${req.url ?? "/"}`;
  const method = req.method ?? "GET";
  const pairs = req.rawHeaders;
  if (method === "GET" || method === "HEAD" || !hasBody(req)) {
    // Drain anything a client sent anyway, so the socket stays usable for keep-alive.
    if (!req.complete) req.resume();
    return new NodeRequest(url, method, pairs, null);
  }
  return readBody(req).then((body) => new NodeRequest(url, method, pairs, body));
}
