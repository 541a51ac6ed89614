// node:http emits CONNECT as a 'connect' event with the bare socket, apart from 'request'; with
// no listener it drops the connection unanswered. This listener sends CONNECT through the engine
// like any other request (so it is answered, logged and given a request id) and writes the
// answer onto the socket itself, then closes it: no tunnel is ever opened.
import { type IncomingMessage, STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import type { EngineRequest } from "../engine/EngineRequest.js";
import { RawHeaders } from "./readNodeRequest.js";
import type { AnswerHandler } from "./toNodeListener.js";

/** The answer as HTTP/1.1 bytes: status line, headers, Content-Length, `Connection: close`. */
function serialize(status: number, headers: Record<string, string>, body: string): string {
  const lines = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}`];
  for (const [name, value] of Object.entries(headers)) {
    if (name !== "content-length" && name !== "connection") lines.push(`${name}: ${value}`);
  }
  lines.push(`content-length: ${Buffer.byteLength(body)}`, "connection: close", "", body);
  return lines.join("\r\n");
}

/** A 'connect' listener answering each CONNECT with `handler` (the engine's answer). */
export function answerConnect(handler: AnswerHandler) {
  return (req: IncomingMessage, socket: Duplex): void => {
    // A client that resets the connection must not crash the server.
    socket.on("error", () => socket.destroy());
    const request: EngineRequest = {
      method: "CONNECT",
      // The authority (`host:port`) or whatever else the client sent, as sent.
      path: req.url ?? "",
      query: "",
      headers: new RawHeaders(req.rawHeaders),
      body: null,
      remoteAddress: req.socket.remoteAddress,
    };
    handler(request).then(
      (answer) => {
        const body = answer.body;
        if (body instanceof ReadableStream) body.cancel().catch(() => {});
        const text =
          typeof body === "string"
            ? body
            : body instanceof Uint8Array
              ? new TextDecoder().decode(body)
              : "";
        socket.end(serialize(answer.status, answer.headers, text));
      },
      () => socket.end(serialize(500, {}, "")),
    );
  };
}
