import { describe, expect, it } from "vitest";
import { createClient, PermissionDeniedError } from "../../src/index.js";
import { BASE, json, keys, problem, scriptedFetch } from "./scriptedFetch.js";

const agent = (n: number) => ({
  id: `agt_${String(n).padStart(16, "0")}`,
  name: `Agent ${n}`,
  slug: `agent-${n}`,
  workspace_id: "ws_0000000000000001",
  created_at: "2026-11-23T10:00:00Z",
});

describe("list methods' pages", () => {
  it("`for await` yields every item, following next_cursor until it is null, keeping the query", async () => {
    const { fetch, sent } = scriptedFetch((request) => {
      const cursor = new URL(request.url).searchParams.get("cursor");
      return cursor === null
        ? json({ data: [agent(1), agent(2)], next_cursor: "c_2" })
        : json({ data: [agent(3)], next_cursor: null });
    });
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch });
    const ids: string[] = [];
    for await (const item of client.agents.list({ limit: 2 })) ids.push(item.id);
    expect(ids).toEqual([agent(1).id, agent(2).id, agent(3).id]);
    expect(sent.map((r) => new URL(r.url).search)).toEqual(["?limit=2", "?limit=2&cursor=c_2"]);
  });

  it("throws the typed error of a failed page", async () => {
    const { fetch } = scriptedFetch(() =>
      problem(403, "insufficient_scope", { required_scopes: ["keys:read"] }),
    );
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch });
    await expect(client.me.keys.list()).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it("stops when a server repeats a cursor instead of looping", async () => {
    const { fetch, sent } = scriptedFetch(() => json({ data: [], next_cursor: "same" }));
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch });
    let pages = 0;
    for await (const _ of (await client.agents.list()).iterPages()) pages++;
    expect(pages).toBe(2);
    expect(sent).toHaveLength(2);
  });

  it("awaited, a list is its first page, with hasNextPage() and getNextPage()", async () => {
    const { fetch, sent } = scriptedFetch((request) =>
      new URL(request.url).searchParams.get("cursor") === null
        ? json({ data: [agent(1)], next_cursor: "c_2" })
        : json({ data: [agent(2)], next_cursor: null }),
    );
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch });
    const first = await client.agents.list({ limit: 1 });
    expect(first.data.map((a) => a.id)).toEqual([agent(1).id]);
    expect(first.hasNextPage()).toBe(true);
    const second = await first.getNextPage();
    expect(second.data.map((a) => a.id)).toEqual([agent(2).id]);
    expect(second.hasNextPage()).toBe(false);
    expect(() => second.getNextPage()).toThrow(/last page/);
    expect(sent.map((r) => new URL(r.url).search)).toEqual(["?limit=1", "?limit=1&cursor=c_2"]);
  });
});
