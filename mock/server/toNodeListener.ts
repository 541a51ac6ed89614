// Runs a fetch-shaped handler (Request → Response) behind node:http, with no framework between.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { isDroppedConnection } from "../engine/faults/applyFault.js";
import { type EngineAnswer, PlainResponse } from "../engine/PlainResponse.js";
import { type NodeRequest, toWebRequest } from "./toWebRequest.js";
import { writePlain } from "./writePlain.js";
import { writeWebResponse } from "./writeWebResponse.js";

/** A fetch-shaped handler; it may also answer with the engine's PlainResponse (see there). */
export type FetchHandler = (request: Request) => EngineAnswer | Promise<EngineAnswer>;

export interface NodeListenerOptions {
  /** Base URL for requests that carry no Host header, such as `http://127.0.0.1:4010`. */
  origin?: string;
  /** Headers to add to this request's response, as a flat name/value list (CORS). */
  extraHeaders?: (req: IncomingMessage) => readonly string[] | undefined;
  /** Responses currently streaming (SSE) are kept here, so a shutdown can end them. */
  streams?: Set<ServerResponse>;
  /** Told about a handler that threw; the client gets a generic 500. */
  onError?: (error: unknown) => void;
}

function problem(res: ServerResponse, status: number, detail: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const code = status === 400 ? "invalid_request" : "internal_error";
  const title = status === 400 ? "Invalid request" : "Internal error";
  const body = JSON.stringify({
    type: `urn:latchkey:problem:${code}`,
    title,
    status,
    detail,
    code,
  });
  res.writeHead(status, {
    "content-type": "application/problem+json",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

/** A node:http request listener that answers every request with `handler`. */
export function toNodeListener(
  handler: FetchHandler,
  options: NodeListenerOptions = {},
): RequestListener {
  const origin = options.origin ?? "http://127.0.0.1";
  const { extraHeaders, streams, onError } = options;

  const fail = (res: ServerResponse, error: unknown): void => {
    onError?.(error);
    problem(res, 500, "The sandbox failed to answer this request.");
  };

  // Plain callbacks, not async functions: with no body to read and an answer in hand, the path
  // from the socket to writeHead takes no promise but the engine's own (each await is a tick).
  const send = (req: IncomingMessage, res: ServerResponse, response: EngineAnswer): void => {
    const head = req.method === "HEAD";
    if (response instanceof PlainResponse) {
      try {
        writePlain(response, res, extraHeaders?.(req), head);
      } catch (error) {
        fail(res, error);
      }
      return;
    }
    // DROPPED_CONNECTION_HOOK: a dropped-connection fault (Response.error(), the Fetch network
    // error) closes the socket with no answer, so the client's fetch rejects.
    if (isDroppedConnection(response)) {
      req.socket.destroy();
      return;
    }
    writeWebResponse(response, res, { extraHeaders: extraHeaders?.(req), head, streams }).catch(
      (error: unknown) => fail(res, error),
    );
  };

  const answer = (req: IncomingMessage, res: ServerResponse, request: NodeRequest): void => {
    res.once("close", () => {
      if (!res.writableFinished) request.abort();
    });
    let response: EngineAnswer | Promise<EngineAnswer>;
    try {
      // A NodeRequest is a Request in every way that can be observed (see toWebRequest).
      response = handler(request as unknown as Request);
    } catch (error) {
      fail(res, error);
      return;
    }
    if (response instanceof Promise) {
      response.then(
        (ready) => send(req, res, ready),
        (error: unknown) => fail(res, error),
      );
    } else send(req, res, response);
  };

  const unreadable = (res: ServerResponse): void =>
    problem(res, 400, "The request line or headers could not be read as an HTTP request.");

  return (req, res) => {
    let made: NodeRequest | Promise<NodeRequest>;
    try {
      made = toWebRequest(req, origin);
    } catch {
      unreadable(res);
      return;
    }
    if (made instanceof Promise) {
      made.then(
        (request) => answer(req, res, request),
        () => unreadable(res),
      );
    } else answer(req, res, made);
  };
}
