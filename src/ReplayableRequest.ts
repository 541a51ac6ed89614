/**
 * The Request class the client builds its requests with: it keeps the body it was made from, so a
 * request can be sent again (retry, replay after a refresh, 307/308 redirect) without cloning
 * every request up front. openapi-fetch hands it the serialized body, a string.
 */
export class ReplayableRequest extends Request {
  #body: BodyInit | undefined;

  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(input, init);
    const body = init?.body ?? undefined;
    // A stream can be read once only; such a request is not replayed.
    this.#body = body instanceof ReadableStream ? undefined : body;
  }

  /** The body to send again; undefined when there is none to resend. */
  get replayBody(): BodyInit | undefined {
    return this.#body;
  }
}
