import { describe, expect, it } from "vitest";
import { createClient } from "../../src/index.js";
import { BASE, json, keys, problem, scriptedFetch } from "./scriptedFetch.js";

const ok = () => json({ data: [], next_cursor: null });
const AGENT = "agt_0000000000000001";

describe("which credential goes where", () => {
  it("sends a static key as Authorization: Bearer on a secured operation", async () => {
    const { fetch, sent } = scriptedFetch(ok);
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch });
    await client.GET("/v1/agents");
    expect(sent[0]?.headers.get("Authorization")).toBe(`Bearer ${keys.user}`);
    expect(sent[0]?.headers.get("X-API-Key")).toBeNull();
  });

  it("sends no credential on a public operation", async () => {
    const { fetch, sent } = scriptedFetch(() => json({ keys: [] }));
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch });
    await client.GET("/.well-known/jwks.json");
    await client.POST("/v1/auth/revoke", { body: { token: "x" } });
    for (const request of sent) {
      expect(request.headers.get("Authorization")).toBeNull();
    }
  });

  it("puts the key in X-API-Key or Api-Key when asked", async () => {
    const { fetch, sent } = scriptedFetch(ok);
    await createClient({
      baseUrl: BASE,
      credentials: keys.user,
      fetch,
      authHeader: "X-API-Key",
    }).GET("/v1/agents");
    await createClient({ baseUrl: BASE, credentials: keys.user, fetch, authHeader: "Api-Key" }).GET(
      "/v1/agents",
    );
    expect(sent[0]?.headers.get("X-API-Key")).toBe(keys.user);
    expect(sent[0]?.headers.get("Authorization")).toBeNull();
    expect(sent[1]?.headers.get("Api-Key")).toBe(keys.user);
  });

  it("sends the agent key of the invoked slug on invokeAgent, not the user key", async () => {
    const { fetch, sent } = scriptedFetch(() => json({ output: "echo: hi" }));
    const client = createClient({
      baseUrl: BASE,
      credentials: keys.user,
      agentKeys: { "agent-one": keys.agentOne, "agent-two": keys.agentTwo },
      fetch,
    });
    await client.POST("/v1/invoke/{agentSlug}", {
      params: { path: { agentSlug: "agent-two" } },
      body: { input: "hi" },
    });
    expect(sent[0]?.headers.get("Authorization")).toBe(`Bearer ${keys.agentTwo}`);
  });

  it("sends nothing when no configured credential fits the operation's x-credentials", async () => {
    const { fetch, sent } = scriptedFetch(ok);
    const user = createClient({ baseUrl: BASE, credentials: keys.user, fetch });
    await user.POST("/v1/invoke/{agentSlug}", {
      params: { path: { agentSlug: "agent-one" } },
      body: { input: "hi" },
    });
    const team = createClient({ baseUrl: BASE, credentials: keys.team, fetch });
    await team.GET("/v1/agents");
    await team.GET("/v1/auth/whoami");
    expect(sent[0]?.headers.get("Authorization")).toBeNull();
    expect(sent[1]?.headers.get("Authorization")).toBeNull();
    expect(sent[2]?.headers.get("Authorization")).toBe(`Bearer ${keys.team}`);
  });

  it("asks getToken for every request and sends what it returns", async () => {
    const { fetch, sent } = scriptedFetch(ok);
    let n = 0;
    const client = createClient({
      baseUrl: BASE,
      credentials: { getToken: async () => `eyJa.eyJb.token${++n}` },
      fetch,
    });
    await client.GET("/v1/agents");
    await client.GET("/v1/agents");
    expect(sent.map((r) => r.headers.get("Authorization"))).toEqual([
      "Bearer eyJa.eyJb.token1",
      "Bearer eyJa.eyJb.token2",
    ]);
  });

  it("asks getToken once more after token_expired and replays with the new token", async () => {
    const tokens = ["eyJa.eyJb.old", "eyJa.eyJb.new"];
    const { fetch, sent } = scriptedFetch((request) =>
      request.headers.get("Authorization") === "Bearer eyJa.eyJb.new"
        ? ok()
        : problem(401, "token_expired", {}, { "WWW-Authenticate": 'Bearer error="invalid_token"' }),
    );
    const client = createClient({
      baseUrl: BASE,
      credentials: { getToken: () => tokens.shift() ?? "eyJa.eyJb.new" },
      fetch,
    });
    const { response } = await client.GET("/v1/agents");
    expect(response.status).toBe(200);
    expect(sent).toHaveLength(2);
  });

  it("keeps a credential the caller set on the call itself", async () => {
    const { fetch, sent } = scriptedFetch(ok);
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch });
    await client.GET("/v1/agents", { headers: { Authorization: `Bearer ${keys.workspace}` } });
    expect(sent[0]?.headers.get("Authorization")).toBe(`Bearer ${keys.workspace}`);
  });

  it("sends no credential to another origin given as a per-call baseUrl", async () => {
    const { fetch, sent } = scriptedFetch(ok);
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch, agentId: AGENT });
    await client.GET("/v1/agents", { baseUrl: "https://elsewhere.example.test" });
    await client.GET("/v1/agents", { baseUrl: `${BASE}.evil.test` });
    for (const request of sent) {
      expect(request.headers.get("Authorization")).toBeNull();
    }
  });

  it("runs openapi-fetch middleware added with use(), in clients derived by withAgent too", async () => {
    const { fetch, sent } = scriptedFetch(ok);
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch });
    const tag = {
      onRequest({ request }: { request: Request }) {
        request.headers.set("X-Trace", "1");
      },
    };
    client.use(tag);
    await client.withAgent(AGENT).GET("/v1/agents");
    client.eject(tag);
    await client.GET("/v1/agents");
    expect(sent.map((r) => r.headers.get("X-Trace"))).toEqual(["1", null]);
    expect(sent[0]?.headers.get("Authorization")).toBe(`Bearer ${keys.user}`);
  });

  it("sends X-Agent-ID from withAgent only on operations with an agent context", async () => {
    const { fetch, sent } = scriptedFetch(() => json({}));
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch });
    const asAgent = client.withAgent(AGENT);
    await asAgent.POST("/v1/generate", { body: { prompt: "go" } });
    await asAgent.GET("/v1/auth/whoami");
    await asAgent.GET("/v1/agents");
    await client.POST("/v1/generate", { body: { prompt: "go" } });
    expect(sent.map((r) => r.headers.get("X-Agent-ID"))).toEqual([AGENT, AGENT, null, null]);
    expect(sent[0]?.headers.get("Authorization")).toBe(`Bearer ${keys.user}`);
  });

  it("adds an Idempotency-Key to every POST and to no GET", async () => {
    const { fetch, sent } = scriptedFetch(() => json({}));
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch });
    await client.POST("/v1/agents", { body: { name: "A", slug: "a-1" } });
    await client.POST("/v1/agents", { body: { name: "A", slug: "a-1" } });
    await client.GET("/v1/agents");
    const [first, second, third] = sent.map((r) => r.headers.get("Idempotency-Key"));
    expect(first).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(second).not.toBe(first);
    expect(third).toBeNull();
  });

  it("refuses credentials that cannot be a client's own", () => {
    expect(() => createClient({ baseUrl: BASE, credentials: keys.refresh })).toThrow(
      /refresh token/,
    );
    expect(() => createClient({ baseUrl: BASE, agentKeys: { a: keys.user } })).toThrow(
      /not an agent key/,
    );
    expect(() => createClient({ baseUrl: BASE, credentials: "" })).toThrow(TypeError);
  });

  it("keeps a base URL's path prefix and matches operations beneath it", async () => {
    const { fetch, sent } = scriptedFetch(ok);
    const client = createClient({ baseUrl: `${BASE}/platform/`, credentials: keys.team, fetch });
    await client.GET("/v1/auth/whoami");
    await client.GET("/v1/agents");
    expect(sent[0]?.url).toBe(`${BASE}/platform/v1/auth/whoami`);
    expect(sent[0]?.headers.get("Authorization")).toBe(`Bearer ${keys.team}`);
    expect(sent[1]?.headers.get("Authorization")).toBeNull();
  });
});
