// node:http's IncomingMessage → a Web Request, paying for undici's Request only when needed.
import type { IncomingMessage } from "node:http";
import { delegateTo, realOf } from "./delegateTo.js";

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
  #pairs: [string, string][];
  #body: Uint8Array<ArrayBuffer> | null;
  #headers: Headers | undefined;
  #real: Request | undefined;
  #controller: AbortController | undefined;
  #aborted = false;

  constructor(
    url: string,
    method: string,
    pairs: [string, string][],
    body: Uint8Array<ArrayBuffer> | null,
  ) {
    this.url = url;
    this.method = method;
    this.#pairs = pairs;
    this.#body = body;
  }

  get headers(): Headers {
    if (this.#real) return this.#real.headers;
    this.#headers ??= new Headers(this.#pairs);
    return this.#headers;
  }

  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort();
    }
    return this.#controller.signal;
  }

  /** Called by the adapter when the client goes away before the response is complete. */
  abort(): void {
    this.#aborted = true;
    this.#controller?.abort();
  }

  [realOf](): Request {
    this.#real ??= new RealRequest(this.url, {
      method: this.method,
      headers: this.headers,
      body: this.#body,
      signal: this.signal,
    });
    return this.#real;
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

function pairsOf(raw: string[]): [string, string][] {
  const pairs: [string, string][] = new Array(raw.length / 2);
  for (let i = 0, j = 0; i < raw.length; i += 2, j++) {
    pairs[j] = [raw[i] as string, raw[i + 1] as string];
  }
  return pairs;
}

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

/** The Web Request for `req`; `origin` stands in for a missing Host header. */
export async function toWebRequest(req: IncomingMessage, origin: string): Promise<NodeRequest> {
  const host = req.headers.host;
  // A Host that could not be part of a URL would only fail later, deep in the engine.
  if (host !== undefined && !hostPattern.test(host)) throw new TypeError("Invalid Host header.");
  const url = host ? `http://${host}${req.url ?? "/"}` : `${origin}${req.url ?? "/"}`;
  const method = req.method ?? "GET";
  const pairs = pairsOf(req.rawHeaders);
  if (method === "GET" || method === "HEAD" || !hasBody(req)) {
    // Drain anything a client sent anyway, so the socket stays usable for keep-alive.
    if (!req.complete) req.resume();
    return new NodeRequest(url, method, pairs, null);
  }
  return new NodeRequest(url, method, pairs, await readBody(req));
}
