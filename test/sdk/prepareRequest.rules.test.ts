// The SDK's per-request choices, one rule each: which operation a URL is (query string and
// path prefix aside), what the caller set that the SDK must keep, and which credential goes.
import { describe, expect, it } from "vitest";
import { createClient } from "../../src/index.js";
import { BASE, json, keys, scriptedFetch } from "./scriptedFetch.js";

const AGENT = "agt_0000000000000001";
const ok = () => json({ data: [], next_cursor: null });

describe("prepareRequest", () => {
  it("a query string does not hide the operation: a team key is still kept off listAgents", async () => {
    const { fetch, sent } = scriptedFetch(ok);
    const client = createClient({ baseUrl: BASE, credentials: keys.team, fetch });
    await client.GET("/v1/agents", { params: { query: { limit: 1 } } });
    expect(sent[0]?.url).toBe(`${BASE}/v1/agents?limit=1`);
    expect(sent[0]?.headers.get("Authorization")).toBeNull();
  });

  it("a path the spec does not know still gets the configured credential, in the chosen header", async () => {
    const { fetch, sent } = scriptedFetch(ok);
    const client = createClient({
      baseUrl: BASE,
      credentials: keys.user,
      authHeader: "X-API-Key",
      fetch,
    });
    await (client.GET as (path: string) => Promise<unknown>)("/v2/not-in-the-spec");
    expect(sent[0]?.headers.get("X-API-Key")).toBe(keys.user);
    expect(sent[0]?.headers.get("Authorization")).toBeNull();
  });

  it("an X-Agent-ID the caller set on the call is kept", async () => {
    const { fetch, sent } = scriptedFetch(() => json({}));
    const client = createClient({ baseUrl: BASE, credentials: keys.user, agentId: AGENT, fetch });
    await client.POST("/v1/generate", {
      body: { prompt: "go" },
      headers: { "X-Agent-ID": "agt_0000000000000002" },
    });
    expect(sent[0]?.headers.get("X-Agent-ID")).toBe("agt_0000000000000002");
  });

  it("the client's agentId goes on operations with an agent context, and only there", async () => {
    const { fetch, sent } = scriptedFetch(() => json({}));
    const client = createClient({ baseUrl: BASE, credentials: keys.user, agentId: AGENT, fetch });
    await client.POST("/v1/generate", { body: { prompt: "go" } });
    await client.GET("/v1/agents");
    expect(sent.map((r) => r.headers.get("X-Agent-ID"))).toEqual([AGENT, null]);
  });

  it("an Idempotency-Key the caller set on a POST is kept", async () => {
    const { fetch, sent } = scriptedFetch(() => json({}));
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch });
    await client.POST("/v1/agents", {
      body: { name: "A", slug: "a-1" },
      headers: { "Idempotency-Key": "mine-1" },
    });
    expect(sent[0]?.headers.get("Idempotency-Key")).toBe("mine-1");
  });

  it("an agent key is chosen by the slug as written, percent-decoded", async () => {
    const { fetch, sent } = scriptedFetch(() => json({ output: "ok" }));
    const client = createClient({
      baseUrl: BASE,
      agentKeys: { "agent one": keys.agentOne },
      fetch,
    });
    await client.POST("/v1/invoke/{agentSlug}", {
      params: { path: { agentSlug: "agent one" } },
      body: { input: "hi" },
    });
    expect(sent[0]?.headers.get("Authorization")).toBe(`Bearer ${keys.agentOne}`);
  });

  it("a slug without a configured agent key falls back to the client's credential if it fits", async () => {
    const { fetch, sent } = scriptedFetch(() => json({ output: "ok" }));
    const client = createClient({
      baseUrl: BASE,
      credentials: { getToken: () => "provider-token" },
      agentKeys: { "agent-one": keys.agentOne },
      fetch,
    });
    await client.POST("/v1/invoke/{agentSlug}", {
      params: { path: { agentSlug: "agent-two" } },
      body: { input: "hi" },
    });
    expect(sent[0]?.headers.get("Authorization")).toBe("Bearer provider-token");
  });

  it("an agent key by slug goes in the chosen header too", async () => {
    const { fetch, sent } = scriptedFetch(() => json({ output: "ok" }));
    const client = createClient({
      baseUrl: BASE,
      agentKeys: { "agent-one": keys.agentOne },
      authHeader: "Api-Key",
      fetch,
    });
    await client.POST("/v1/invoke/{agentSlug}", {
      params: { path: { agentSlug: "agent-one" } },
      body: { input: "hi" },
    });
    expect(sent[0]?.headers.get("Api-Key")).toBe(keys.agentOne);
    expect(sent[0]?.headers.get("Authorization")).toBeNull();
  });
});
