import { describe, expect, it } from "vitest";
import { createClient, NotFoundError } from "../../src/index.js";
import { BASE, json, keys, problem, scriptedFetch } from "./scriptedFetch.js";

const agent = {
  id: "agt_0000000000000001",
  name: "A",
  slug: "a",
  workspace_id: "ws_0000000000000001",
  created_at: "2026-11-23T10:00:00Z",
};

describe("what a resource method returns", () => {
  it("awaited, the data; withResponse(), the data with the response and its request id", async () => {
    const { fetch, sent } = scriptedFetch(() => json(agent));
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch });
    expect(await client.agents.retrieve(agent.id)).toEqual(agent);
    const { data, response, requestId } = await client.agents.retrieve(agent.id).withResponse();
    expect(data).toEqual(agent);
    expect(response.status).toBe(200);
    expect(requestId).toBe(response.headers.get("X-Request-Id") ?? undefined);
    expect(sent.map((r) => new URL(r.url).pathname)).toEqual([
      `/v1/agents/${agent.id}`,
      `/v1/agents/${agent.id}`,
    ]);
  });

  it("asResponse() is the raw response, its body unread", async () => {
    const { fetch } = scriptedFetch(() => new Response("file bytes", { status: 200 }));
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch });
    const response = await client.downloads.retrieve(agent.id, "a.txt").asResponse();
    expect(response.bodyUsed).toBe(false);
    expect(await response.text()).toBe("file bytes");
    const bytes = await client.downloads.retrieve(agent.id, "a.txt");
    expect(new TextDecoder().decode(bytes)).toBe("file bytes");
  });

  it("a call with no arguments is unread in asResponse() too, call after call", async () => {
    const { fetch, sent } = scriptedFetch(() => json({ data: [agent], next_cursor: null }));
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch });
    for (let i = 0; i < 2; i++) {
      const response = await client.agents.list().asResponse();
      expect(response.bodyUsed).toBe(false);
      expect(await response.json()).toEqual({ data: [agent], next_cursor: null });
    }
    expect((await client.agents.list()).data).toEqual([agent]);
    expect(sent.map((r) => r.url)).toEqual(Array(3).fill(`${BASE}/v1/agents`));
  });

  it("a failed call rejects with the SDK's typed error, awaited or asResponse()", async () => {
    const { fetch } = scriptedFetch(() => problem(404, "not_found"));
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch });
    await expect(client.agents.retrieve(agent.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.agents.retrieve(agent.id).asResponse()).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("a 204 resolves to undefined", async () => {
    const { fetch } = scriptedFetch(() => new Response(null, { status: 204 }));
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch });
    expect(await client.agents.delete(agent.id)).toBeUndefined();
  });
});

describe("resource methods on a withAgent client", () => {
  it("act as that agent where the operation has an agent context", async () => {
    const { fetch, sent } = scriptedFetch(() => json({ data: [], next_cursor: null }));
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch });
    await client.withAgent("agt_0000000000000007").auth.whoami();
    await client.auth.whoami();
    expect(sent.map((r) => r.headers.get("X-Agent-ID"))).toEqual(["agt_0000000000000007", null]);
  });
});
