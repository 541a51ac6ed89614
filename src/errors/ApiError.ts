import type { components } from "../generated/schema.js";
import { parseWwwAuthenticate, type WwwAuthenticate } from "../parseWwwAuthenticate.js";
import { redactUrl } from "../redactUrl.js";

/** An RFC 9457 problem document as the API sends it. */
export type Problem = components["schemas"]["Problem"];
/** The API's error codes, plus the SDK's own for failures without a response. */
export type ErrorCode = Problem["code"] | "connection_failed" | "timeout" | "unexpected_response";

/** What an error is built from; `url` is redacted before it is stored or shown. */
export interface ApiErrorInit {
  readonly method: string;
  readonly url: string;
  readonly response?: Response | undefined;
  readonly problem?: Problem | undefined;
  readonly code?: ErrorCode | undefined;
  readonly message?: string | undefined;
  readonly cause?: unknown;
}

/**
 * Marks `cls` (and its subclasses) with a registered symbol named after it, and names it. A brand
 * survives two copies of the SDK in one program (ESM and CJS), where `instanceof` does not.
 */
export function brand(cls: abstract new (...args: never[]) => Error, name: string): void {
  cls.prototype.name = name;
  Object.defineProperty(cls.prototype, Symbol.for(`latchkey.${name}`), { value: true });
}

/** A type guard for the errors branded `name`, whichever copy of the SDK made them. */
export function isBranded<T extends Error>(name: string): (error: unknown) => error is T {
  const key = Symbol.for(`latchkey.${name}`);
  return (error): error is T => typeof error === "object" && error !== null && key in error;
}

/** Every error the SDK throws for a request: an error response, or no response at all. */
export class ApiError extends Error {
  /** HTTP status; undefined when no response arrived (connection failure, timeout). */
  readonly status: number | undefined;
  /** The problem's stable `code`, or the SDK's own for failures without a response. */
  readonly code: ErrorCode;
  /** The request id (`X-Request-Id`), to quote to support. */
  readonly requestId: string | undefined;
  /** The problem document, when the response carried one. */
  readonly problem: Problem | undefined;
  /** The parsed `WWW-Authenticate` challenge, when the response carried one. */
  readonly wwwAuthenticate: WwwAuthenticate | undefined;
  /** The request's method. */
  readonly method: string;
  /** The request's URL, with any token in its query redacted. */
  readonly url: string;
  // Private, behind a getter: logging the error, even with `showHidden` or `%o`, shows no
  // response, whose URL may carry a signed token.
  readonly #response: Response | undefined;

  constructor(init: ApiErrorInit) {
    const { response, problem } = init;
    const url = redactUrl(init.url);
    const status = response?.status;
    const code = init.code ?? problem?.code ?? "unexpected_response";
    const what = init.message ?? `${status} ${code}${problem?.detail ? `: ${problem.detail}` : ""}`;
    super(`${what} (${init.method} ${url})`, init.cause === undefined ? {} : { cause: init.cause });
    this.status = status;
    this.code = code;
    this.requestId = problem?.request_id ?? response?.headers.get("X-Request-Id") ?? undefined;
    this.problem = problem;
    this.wwwAuthenticate = parseWwwAuthenticate(response?.headers.get("WWW-Authenticate"));
    this.method = init.method;
    this.url = url;
    this.#response = response;
  }

  /** The response itself, when one arrived. */
  get response(): Response | undefined {
    return this.#response;
  }
}
brand(ApiError, "ApiError");

/** True for any error the SDK threw for a request, even from another copy of the SDK. */
export const isApiError = isBranded<ApiError>("ApiError");
