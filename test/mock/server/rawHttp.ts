// Requests written byte for byte over a loopback socket, for what fetch and node's client will
// not send: a header repeated or empty, CONNECT to a path or an authority. The connection is
// closed after one answer, which is read whole.
import { connect } from "node:net";

export interface RawAnswer {
  status: number;
  /** Lower-case names; a repeated header's values joined with ", ". */
  headers: Record<string, string>;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: problem documents are inspected loosely.
  body: any;
}

export interface RawRequest {
  method: string;
  target: string;
  /** Sent in this order, repeats and empty values as given. */
  headers?: readonly (readonly [string, string])[];
  body?: string;
}

/** Sends one request to `url` (`http://127.0.0.1:port`) and resolves with its answer. */
export function rawHttp(url: string, request: RawRequest): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  const lines = [`${request.method} ${request.target} HTTP/1.1`, `Host: ${hostname}:${port}`];
  for (const [name, value] of request.headers ?? []) lines.push(`${name}: ${value}`);
  if (request.body !== undefined) {
    lines.push(`Content-Length: ${Buffer.byteLength(request.body)}`);
  }
  lines.push("Connection: close", "", request.body ?? "");
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.setTimeout(5_000, () => socket.destroy(new Error("no answer within 5 s")));
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const split = raw.indexOf("\r\n\r\n");
      if (split < 0) return reject(new Error(`no HTTP answer (${raw.length} bytes)`));
      const [statusLine = "", ...headerLines] = raw.slice(0, split).split("\r\n");
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(":");
        const name = line.slice(0, colon).toLowerCase();
        const value = line.slice(colon + 1).trim();
        headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
      }
      const text = raw.slice(split + 4);
      let body: unknown = text;
      try {
        body = text === "" ? undefined : JSON.parse(text);
      } catch {
        // Not JSON (an event stream).
      }
      resolve({ status: Number(statusLine.split(" ")[1]), headers, text, body });
    });
    socket.end(lines.join("\r\n"));
  });
}
