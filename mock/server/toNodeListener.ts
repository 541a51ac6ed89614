// The engine behind node:http, with no framework between: IncomingMessage → the engine's request
// interface → its answer → writeHead/end. Neither a Web Request nor a Response is built.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { EngineAnswer } from "../engine/EngineAnswer.js";
import type { EngineRequest } from "../engine/EngineRequest.js";
import { readNodeRequest } from "./readNodeRequest.js";
import { writeAnswer } from "./writeAnswer.js";

const later = setImmediate;

/** What the listener runs for each request: the engine's `answer`, or a test's stand-in. */
export type AnswerHandler = (request: EngineRequest) => Promise<EngineAnswer>;

export interface NodeListenerOptions {
  /** Headers to add to this request's response, as a flat name/value list (CORS). */
  extraHeaders?: (req: IncomingMessage) => readonly string[] | undefined;
  /** Responses currently streaming (SSE) are kept here, so a shutdown can end them. */
  streams?: Set<ServerResponse>;
  /** Told about a handler or a write that failed; the client gets a generic 500. */
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
  handler: AnswerHandler,
  options: NodeListenerOptions = {},
): RequestListener {
  const { extraHeaders, streams, onError } = options;

  const fail = (res: ServerResponse, error: unknown): void => {
    onError?.(error);
    // A write that threw may have left the response half written: then the socket goes.
    if (res.destroyed || res.writableEnded) return;
    problem(res, 500, "The sandbox failed to answer this request.");
  };

  const write = (req: IncomingMessage, res: ServerResponse, answer: EngineAnswer): void => {
    try {
      const head = req.method === "HEAD";
      writeAnswer(answer, res, { extraHeaders: extraHeaders?.(req), head, streams })?.catch(
        (error: unknown) => fail(res, error),
      );
    } catch (error) {
      fail(res, error);
    }
  };

  // Answers ready in one turn of the event loop are written together, right after it: each
  // socket write that finds the client asleep pays for waking it (dear on a VM), and back-to-back
  // writes let one wakeup serve several. Measured in bench:sandbox's adapter diagnostic, about
  // 1.6–2× the requests a second of writing each answer at once. Each answer is written on its
  // own (`write` catches), so one that fails cannot stop the rest of its batch. setImmediate is
  // taken at load time so a test's fake timers cannot hold answers back.
  let batch: [IncomingMessage, ServerResponse, EngineAnswer][] = [];
  const flush = (): void => {
    const ready = batch;
    batch = [];
    for (const [req, res, answer] of ready) {
      // The client left (or the server forced connections closed) while the answer waited.
      if (!res.destroyed) write(req, res, answer);
      else if (answer.body instanceof ReadableStream) answer.body.cancel().catch(() => {});
    }
  };
  const send = (req: IncomingMessage, res: ServerResponse, answer: EngineAnswer): void => {
    if (batch.push([req, res, answer]) === 1) later(flush);
  };

  const run = (req: IncomingMessage, res: ServerResponse, request: EngineRequest): void => {
    let pending: Promise<EngineAnswer>;
    try {
      pending = handler(request);
    } catch (error) {
      fail(res, error);
      return;
    }
    pending.then(
      (answer) => send(req, res, answer),
      (error: unknown) => fail(res, error),
    );
  };

  return (req, res) => {
    // A request is accepted here, before the engine runs; checks that refuse one early
    // (before its body is read) belong at this point.
    const request = readNodeRequest(req, res);
    if (request instanceof Promise) {
      request.then(
        (ready) => run(req, res, ready),
        () => problem(res, 400, "The request body could not be read."),
      );
    } else run(req, res, request);
  };
}
