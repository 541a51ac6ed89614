// What the engine answers, for every request: a plain value the adapters turn into a Web
// Response (engine.fetch) or write to a socket (the node:http adapter). No Response is built on
// the engine's path, so no runtime's body machinery is paid for by an answer nobody streams.

/**
 * The body: text or bytes sent in one piece with a Content-Length, a stream sent chunk by chunk as
 * it is produced (server-sent events; cancelled when the client goes away), or nothing.
 */
export type AnswerBody = string | Uint8Array | ReadableStream<Uint8Array> | null;

export interface EngineAnswer {
  status: number;
  /** Lower-case names, one value each. */
  headers: Record<string, string>;
  body: AnswerBody;
  /**
   * Drop the connection instead of answering (fault injection): the node adapter destroys the
   * socket, engine.fetch rejects as a network failure would.
   */
  drop?: boolean;
}

/** A JSON answer: `body` serialised, content type set unless `headers` name one. */
export function jsonAnswer(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): EngineAnswer {
  return {
    status,
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  };
}
