import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "../../src/index.js";
import { keys } from "./scriptedFetch.js";

interface Seen {
  path: string;
  method: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** A loopback server that records requests and answers with `route`. */
async function start(route: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      seen.push({ path: req.url ?? "", method: req.method ?? "", headers: req.headers, body });
      route(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, seen, url: `http://127.0.0.1:${port}` };
}

const ok = (res: ServerResponse) => {
  res.writeHead(200, { "Content-Type": "application/json" });
  res.end('{"data":[],"next_cursor":null}');
};

describe("redirects", () => {
  let other: Awaited<ReturnType<typeof start>>;
  let api: Awaited<ReturnType<typeof start>>;

  beforeAll(async () => {
    other = await start((_, res) => ok(res));
    api = await start((req, res) => {
      if (req.url === "/v1/agents") {
        res.writeHead(302, { Location: `${other.url}/landing` });
        return res.end();
      }
      if (req.url === "/v1/me/api-keys") {
        res.writeHead(307, { Location: "/v1/me/api-keys-moved" });
        return res.end();
      }
      ok(res);
    });
  });

  afterAll(async () => {
    await Promise.all(
      [api, other].map(({ server }) => new Promise((resolve) => server.close(resolve))),
    );
  });

  it("does not carry Authorization or X-Agent-ID across origins on a redirect", async () => {
    const client = createClient({ baseUrl: api.url, credentials: keys.user }).withAgent(
      "agt_0000000000000001",
    );
    const { response } = await client.GET("/v1/agents");
    expect(response.status).toBe(200);
    const landing = other.seen.at(-1);
    expect(landing?.path).toBe("/landing");
    expect(landing?.headers.authorization).toBeUndefined();
    expect(landing?.headers["x-agent-id"]).toBeUndefined();
    expect(api.seen.at(-1)?.headers.authorization).toBe(`Bearer ${keys.user}`);
  });

  it("does not carry X-API-Key or Api-Key across origins on a redirect", async () => {
    for (const authHeader of ["X-API-Key", "Api-Key"] as const) {
      const client = createClient({ baseUrl: api.url, credentials: keys.user, authHeader });
      await client.GET("/v1/agents");
      const landing = other.seen.at(-1);
      expect(landing?.headers["x-api-key"]).toBeUndefined();
      expect(landing?.headers["api-key"]).toBeUndefined();
      expect(api.seen.at(-1)?.headers[authHeader.toLowerCase()]).toBe(keys.user);
    }
  });

  it("keeps the credential and resends the body on a same-origin 307", async () => {
    const client = createClient({ baseUrl: api.url, credentials: keys.user });
    const { response } = await client.POST("/v1/me/api-keys", { body: { name: "moved" } });
    expect(response.status).toBe(200);
    const [first, moved] = api.seen.slice(-2);
    expect(moved?.path).toBe("/v1/me/api-keys-moved");
    expect(moved?.method).toBe("POST");
    expect(moved?.body).toBe('{"name":"moved"}');
    expect(moved?.headers.authorization).toBe(`Bearer ${keys.user}`);
    expect(moved?.headers["idempotency-key"]).toBe(first?.headers["idempotency-key"]);
  });
});
