import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { format, inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, unwrap } from "../../src/index.js";
import { json, keys, scriptedFetch } from "./scriptedFetch.js";

// Issue 7, item 14: what an error shows however it is logged, credentials that no header can
// carry, and plain http for credentials passed per call.

const downloadToken = `lk_dlt_test_${"D".repeat(40)}`;
let server: Server;
let baseUrl = "";

beforeAll(async () => {
  // A real HTTP server, so that `response.url` is set as fetch sets it.
  server = createServer((_request, response) => {
    response.writeHead(404, { "Content-Type": "application/problem+json" });
    response.end(JSON.stringify({ status: 404, code: "not_found", title: "Not found" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("an error logged any way shows no signed token", () => {
  it("util.inspect with showHidden and console's %o do not show response.url's ?token=", async () => {
    const client = createClient({ baseUrl });
    const error = await unwrap(
      client.GET("/v1/downloads/{agentId}/{filename}", {
        params: {
          path: { agentId: "agt_5Rk8Nw3Qz1Lm7Xp4", filename: "a.txt" },
          query: { token: downloadToken } as never,
        },
        parseAs: "blob",
      }),
    ).then(
      () => undefined,
      (e: unknown) => e as Error & { response?: Response },
    );
    // The response is still there for code that asks for it.
    expect(error?.response?.url).toContain(downloadToken);
    for (const shown of [
      inspect(error, { showHidden: true, depth: 10 }),
      format("%o", error),
      format("%O", error),
      JSON.stringify(error),
      String(error),
    ]) {
      expect(shown).not.toContain(downloadToken);
    }
    expect(inspect(error, { showHidden: true })).toContain("token=[redacted]");
  });
});

describe("a credential with CR, LF or NUL is refused with an error that holds no secret", () => {
  const bad = [`${keys.user}\n`, `${keys.user}\r\nX-Evil: 1`, `${keys.user}\0`];

  it("refuses such an agent key or default header at createClient", () => {
    for (const key of bad) {
      const agentKey = key.replace(keys.user, keys.agentOne);
      for (const make of [
        () => createClient({ baseUrl, agentKeys: { a: agentKey } }),
        () => createClient({ baseUrl, headers: { "X-API-Key": key } }),
      ]) {
        expect(make).toThrow(TypeError);
        try {
          make();
        } catch (error) {
          expect(String(error)).not.toContain(keys.user);
          expect(String(error)).not.toContain(keys.agentOne);
        }
      }
    }
  });

  it("refuses such a configured key, a token from getToken and a header passed per call, before fetch sees it", async () => {
    const { fetch, sent } = scriptedFetch(() => json({ data: [], next_cursor: null }));
    for (const key of bad) {
      const fromProvider = createClient({ baseUrl, fetch, credentials: { getToken: () => key } });
      const configured = createClient({ baseUrl, fetch, credentials: key });
      const perCall = createClient({ baseUrl, fetch });
      for (const call of [
        () => fromProvider.GET("/v1/agents"),
        () => configured.GET("/v1/agents"),
        () => perCall.GET("/v1/agents", { headers: { Authorization: `Bearer ${key}` } }),
        () => perCall.GET("/v1/agents", { headers: { "X-API-Key": key } }),
      ]) {
        const error = await call().then(
          () => new Error("resolved"),
          (e: unknown) => e as Error,
        );
        expect(error.message).toMatch(/line break or NUL/);
        expect(`${error.message}${error.stack}`).not.toContain(keys.user);
      }
    }
    expect(sent).toHaveLength(0);
  });
});

describe("credentials over plain http:// go to loopback only", () => {
  const remote = "http://api.example.test";

  it("refuses Authorization, X-API-Key and Api-Key passed per call to a remote http:// host", async () => {
    const { fetch, sent } = scriptedFetch(() => json({ data: [], next_cursor: null }));
    const client = createClient({ baseUrl: remote, fetch });
    for (const headers of [
      { Authorization: `Bearer ${keys.user}` },
      { "X-API-Key": keys.user },
      { "Api-Key": keys.user },
      { authorization: "Basic dXNlcjpwYXNz" },
    ]) {
      const error = await client.GET("/v1/agents", { headers }).then(
        () => new Error("resolved"),
        (e: unknown) => e as Error,
      );
      expect(error.message).toMatch(
        /refusing to send credentials over plain http:\/\/ to api\.example\.test/,
      );
      expect(error.message).not.toContain(keys.user);
    }
    // Without a credential the call goes out; to loopback, or when allowed, with one too.
    await client.GET("/v1/agents");
    const allowed = createClient({ baseUrl: remote, fetch, allowInsecureHttp: true });
    await allowed.GET("/v1/agents", { headers: { "X-API-Key": keys.user } });
    const local = createClient({ baseUrl: "http://127.0.0.1:4010", fetch });
    await local.GET("/v1/agents", { headers: { "X-API-Key": keys.user } });
    expect(sent.map((s) => s.headers.get("X-API-Key"))).toEqual([null, keys.user, keys.user]);
  });

  it("refuses a credential a middleware sends to a remote http:// host", async () => {
    const { fetch, sent } = scriptedFetch(() => json({ data: [], next_cursor: null }));
    const client = createClient({
      baseUrl: "https://api.example.test",
      credentials: keys.user,
      fetch,
    });
    client.use({
      onRequest: ({ request }) => new Request("http://api.example.test/v1/agents", request),
    });
    // The SDK's own credential is stripped off-origin; a credential the middleware adds is refused.
    await client.GET("/v1/agents");
    expect(sent[0]?.headers.get("Authorization")).toBeNull();
    client.use({
      onRequest({ request }) {
        request.headers.set("Api-Key", keys.workspace);
      },
    });
    await expect(client.GET("/v1/agents")).rejects.toThrow(/plain http/);
    expect(sent).toHaveLength(1);
  });
});
