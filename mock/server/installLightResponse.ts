// For the `latchkey sandbox` process only: a global Response that keeps what it was made from and
// builds undici's Response (with its web stream) only when something needs it.
import { delegateTo, realOf } from "./delegateTo.js";
import { LightHeaders } from "./LightHeaders.js";

const RealResponse = globalThis.Response;

/** The real Headers behind light ones, so the real Response shares their state from then on. */
function realHeaders(headers: Headers): Headers {
  // (`instanceof` cannot tell them apart: both kinds are Headers.)
  return realOf in headers ? (headers as unknown as LightHeaders)[realOf]() : headers;
}

/**
 * Node 20's Response wraps every body in a web ReadableStream when it is constructed (and makes
 * each one transferable); measured here, that was a third of the CPU of an authenticated
 * request. The engine builds a Response for every answer and the node adapter only needs its
 * status, headers and the text it was made from, so this stand-in defers the real one until
 * something reads `body` or calls a body method. `instanceof Response` holds for both kinds.
 */
export class LightResponse {
  #body: BodyInit | null;
  #status: number;
  #statusText: string;
  #init: ResponseInit | undefined;
  #headers: Headers | undefined;
  #real: Response | undefined;

  constructor(body: BodyInit | null = null, init?: ResponseInit) {
    const status = init?.status ?? 200;
    // The same refusals as the real constructor, so code behaves alike with either.
    if (!Number.isInteger(status) || status < 200 || status > 599) {
      throw new RangeError(`Response status ${status} is not in 200–599.`);
    }
    if (body !== null && (status === 204 || status === 205 || status === 304)) {
      throw new TypeError(`A ${status} response cannot have a body.`);
    }
    this.#body = body;
    this.#status = status;
    this.#statusText = init?.statusText ?? "";
    this.#init = init;
  }

  get status(): number {
    return this.#status;
  }

  get statusText(): string {
    return this.#statusText;
  }

  get ok(): boolean {
    return this.#status >= 200 && this.#status < 300;
  }

  get headers(): Headers {
    if (this.#real) return this.#real.headers;
    this.#headers ??= LightHeaders.fromInit(this.#init?.headers);
    return this.#headers;
  }

  /**
   * What the body was made from while the real body is untouched: its string or bytes, null for
   * no body, undefined for anything else (a stream), which must be read through `body`.
   */
  get bodySource(): string | Uint8Array | null | undefined {
    if (this.#real) return undefined;
    const body = this.#body;
    if (body === null || typeof body === "string" || body instanceof Uint8Array) return body;
    return undefined;
  }

  [realOf](): Response {
    this.#real ??= new RealResponse(this.#body, {
      status: this.#status,
      statusText: this.#statusText,
      headers: realHeaders(this.headers),
    });
    return this.#real;
  }

  static json(data: unknown, init?: ResponseInit): Response {
    const headers = new Headers(init?.headers);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
    return new LightResponse(JSON.stringify(data), { ...init, headers }) as unknown as Response;
  }

  static error(): Response {
    return RealResponse.error();
  }

  static redirect(url: string | URL, status?: number): Response {
    return RealResponse.redirect(url, status);
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof RealResponse;
  }
}
delegateTo(LightResponse, RealResponse);

/** Makes `new Response(…)` a LightResponse in this process. Idempotent. */
export function installLightResponse(): void {
  globalThis.Response = LightResponse as unknown as typeof Response;
}
