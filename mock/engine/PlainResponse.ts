/**
 * An ordinary JSON answer before it becomes a Web Response: status, a plain header record (names
 * in lower case) and the body text. The engine carries its answers in this form until the last
 * step, because building a Response and its Headers (and, in Node, the web stream around the body)
 * cost more CPU than the rest of a cached-key `GET`. `engine.handle` turns it into a real Response
 * for every caller (fetch, MSW, browsers); only the Node server asks for it as it is and writes it
 * to the socket with one writeHead and one end.
 */
export class PlainResponse {
  /** The HTTP status. */
  readonly status: number;
  /** Response headers, lower-case names, one value each. */
  readonly headers: Record<string, string>;
  /** The serialised body. */
  readonly body: string;

  constructor(status: number, headers: Record<string, string>, body: string) {
    this.status = status;
    this.headers = headers;
    this.body = body;
  }

  /** The same answer as a Web Response, for callers that expect the fetch contract. */
  toResponse(): Response {
    return new Response(this.body, { status: this.status, headers: this.headers });
  }
}

/** What the engine's request path produces: a plain JSON answer, or a ready Response. */
export type EngineAnswer = Response | PlainResponse;

/** A real Response, building one from a plain answer when needed. */
export function asResponse(answer: EngineAnswer): Response {
  return answer instanceof PlainResponse ? answer.toResponse() : answer;
}
