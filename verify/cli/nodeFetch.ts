// A fetch for the CLI made on node:http with a keep-alive agent: the matrix sends thousands of
// small requests to one origin, and undici's full fetch pipeline costs several times the
// request itself in client CPU. Only what verify() uses: method, headers, string body, status,
// headers and text of the answer; `redirect: "manual"` is the only mode (none is followed).
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

export function createNodeFetch(maxSockets: number): typeof fetch {
  const agents = {
    "http:": new HttpAgent({ keepAlive: true, maxSockets }),
    "https:": new HttpsAgent({ keepAlive: true, maxSockets }),
  };
  return ((input: string | URL, init: RequestInit = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(String(input));
      const secure = url.protocol === "https:";
      const send = secure ? httpsRequest : httpRequest;
      const body = typeof init.body === "string" ? init.body : undefined;
      const headers = { ...(init.headers as Record<string, string> | undefined) };
      if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
      const req = send(
        url,
        { method: init.method ?? "GET", headers, agent: agents[secure ? "https:" : "http:"] },
        (res) => {
          const chunks: Buffer[] = [];
          const streaming = String(res.headers["content-type"] ?? "").startsWith(
            "text/event-stream",
          );
          const answer = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (value !== undefined)
              answer.set(name, Array.isArray(value) ? value.join(", ") : value);
          }
          const done = () =>
            resolve(
              new Response(chunks.length ? Buffer.concat(chunks) : null, {
                status: res.statusCode ?? 0,
                headers: answer,
              }),
            );
          // An event stream is not read to the end: its status and headers are the answer.
          if (streaming) {
            res.destroy();
            return done();
          }
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", done);
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(body);
    })) as typeof fetch;
}
