import { type CallResult, errorOf } from "./unwrap.js";

/** The response of a call that succeeded; the SDK's typed error of one that did not. */
function okResponse(result: CallResult): Response {
  const error = errorOf(result);
  if (error) throw error;
  return result.response;
}

/** What `withResponse()` resolves to. */
export interface WithResponse<T> {
  data: T;
  response: Response;
  /** The request id (`X-Request-Id`), to quote to support. */
  requestId: string | undefined;
}

/**
 * The promise a resource method returns: awaited, the parsed data (or the SDK's typed error
 * thrown); `withResponse()` adds the response; `asResponse()` is the raw response, unread (to
 * stream a download). The request is sent at once; the body is read only when asked for.
 */
export class APIPromise<T> implements PromiseLike<T> {
  readonly #result: Promise<CallResult>;
  readonly #parse: (response: Response) => T | Promise<T>;
  #data: Promise<T> | undefined;

  /** `result` is the call's openapi-fetch result, read with `parseAs: "stream"` (body unread). */
  constructor(result: Promise<CallResult>, parse: (response: Response) => T | Promise<T>) {
    this.#result = result;
    this.#parse = parse;
  }

  /** The raw response of a successful request, its body unread. */
  asResponse(): Promise<Response> {
    return this.#result.then(okResponse);
  }

  /** The data with the response and its request id. */
  async withResponse(): Promise<WithResponse<T>> {
    const [response, data] = await Promise.all([this.asResponse(), this.#parsed()]);
    return { data, response, requestId: response.headers.get("X-Request-Id") ?? undefined };
  }

  // Parsed once, however often it is awaited; the common `await` pays for no response object.
  #parsed(): Promise<T> {
    this.#data ??= this.#read();
    return this.#data;
  }

  async #read(): Promise<T> {
    const response = okResponse(await this.#result);
    // Awaited, not returned: returning the parse's promise costs two more turns of the queue.
    return await this.#parse(response);
  }

  // biome-ignore lint/suspicious/noThenProperty: an APIPromise is awaited like a promise.
  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#parsed().then(onfulfilled, onrejected);
  }

  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.#parsed().catch(onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#parsed().finally(onfinally);
  }
}
