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
  readonly #response: Promise<Response>;
  readonly #parse: (response: Response) => T | Promise<T>;
  #data: Promise<T> | undefined;

  constructor(response: Promise<Response>, parse: (response: Response) => T | Promise<T>) {
    this.#response = response;
    this.#parse = parse;
  }

  /** The raw response of a successful request, its body unread. */
  asResponse(): Promise<Response> {
    return this.#response;
  }

  /** The data with the response and its request id. */
  async withResponse(): Promise<WithResponse<T>> {
    const [response, data] = await Promise.all([this.#response, this.#parsed()]);
    return { data, response, requestId: response.headers.get("X-Request-Id") ?? undefined };
  }

  // Parsed once, however often it is awaited; the common `await` pays for no response object.
  #parsed(): Promise<T> {
    this.#data ??= this.#response.then(this.#parse);
    return this.#data;
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
