// Runs a fetch-shaped handler (Request → Response) behind node:http, with no framework between.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { type NodeRequest, toWebRequest } from "./toWebRequest.js";
import { writeWebResponse } from "./writeWebResponse.js";

export type FetchHandler = (request: Request) => Response | Promise<Response>;

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

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let request: NodeRequest;
    try {
      request = await toWebRequest(req, origin);
    } catch {
      problem(res, 400, "The request line or headers could not be read as an HTTP request.");
      return;
    }
    res.once("close", () => {
      if (!res.writableFinished) request.abort();
    });
    let response: Response;
    try {
      // A NodeRequest is a Request in every way that can be observed (see toWebRequest).
      response = await handler(request as unknown as Request);
    } catch (error) {
      onError?.(error);
      problem(res, 500, "The sandbox failed to answer this request.");
      return;
    }
    await writeWebResponse(response, res, {
      extraHeaders: extraHeaders?.(req),
      head: req.method === "HEAD",
      streams,
    });
  };

  return (req, res) => {
    serve(req, res).catch((error: unknown) => {
      onError?.(error);
      problem(res, 500, "The sandbox failed to answer this request.");
    });
  };
}
