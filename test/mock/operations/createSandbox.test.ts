// The in-process controls of createSandbox: fetch shapes, base URLs, clock, fixtures, reset.
import createClient from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { createSandbox } from "../../../mock/index.js";
import type { paths } from "../../../src/generated/schema.js";

describe("createSandbox", () => {
  it("fetch takes a relative path, a full URL of any origin, or a Request", async () => {
    const sandbox = createSandbox();
    expect((await sandbox.fetch("/_sandbox/clock")).status).toBe(200);
    expect((await sandbox.fetch(new URL("http://elsewhere.test/_sandbox/clock"))).status).toBe(200);
    expect((await sandbox.fetch(new Request("http://x.test/_sandbox/clock"))).status).toBe(200);
  });

  it("serves as openapi-fetch's fetch, typed by the generated paths", async () => {
    const sandbox = createSandbox();
    const ws = await sandbox.createWorkspace();
    const client = createClient<paths>({ baseUrl: sandbox.baseUrl, fetch: sandbox.fetch });
    const headers = { authorization: `Bearer ${ws.owner.user_key.secret}` };
    const { data, error } = await client.GET("/v1/agents", {
      params: { query: { limit: 1 } },
      headers,
    });
    expect(error).toBeUndefined();
    expect(data?.data.map((agent) => agent.slug)).toEqual(["agent-one"]);
    expect(data?.next_cursor).not.toBeNull();
  });

  it("strips the path of a base URL such as http://host/api", async () => {
    const sandbox = createSandbox({ baseUrl: "http://host.test/api/" });
    expect(sandbox.baseUrl).toBe("http://host.test/api");
    const reply = await sandbox.fetch("http://host.test/api/_sandbox/workspaces", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "prefixed" }),
    });
    expect(reply.status).toBe(201);
  });

  it("moves the clock that drives expiry: advance and set", async () => {
    const sandbox = createSandbox();
    const start = sandbox.clock.now().getTime();
    sandbox.clock.advance("1d");
    expect(sandbox.clock.now().getTime() - start).toBeGreaterThanOrEqual(86_400_000);
    sandbox.clock.set("2030-01-01T00:00:00Z");
    expect(sandbox.clock.now().toISOString().slice(0, 10)).toBe("2030-01-01");
    expect(() => sandbox.clock.set("not a date")).toThrow(TypeError);
  });

  it("issues a key of each kind that authenticates at whoami", async () => {
    const sandbox = createSandbox();
    const ws = await sandbox.createWorkspace({ name: "fixtures" });
    for (const kind of ["user_key", "workspace_key", "team_key", "agent_key"] as const) {
      const key = await sandbox.issueKey({ kind, workspaceId: ws.workspace.id, expiresIn: "1h" });
      const reply = await sandbox.fetch("/v1/auth/whoami", {
        headers: { "x-api-key": key.secret },
      });
      expect(reply.status, kind).toBe(200);
      expect(((await reply.json()) as { principal: { kind: string } }).principal.kind).toBe(kind);
    }
  });

  it("refuses a fixture key wider than its owner with scope_escalation", async () => {
    const sandbox = createSandbox();
    const ws = await sandbox.createWorkspace();
    const viewer = await sandbox.createUser(ws.workspace.id, { role: "viewer" });
    await expect(
      sandbox.issueKey({
        kind: "user_key",
        workspaceId: ws.workspace.id,
        ownerId: viewer.user.id,
        scopes: ["keys:write"],
      }),
    ).rejects.toMatchObject({ code: "scope_escalation" });
  });

  it("refuses a sandbox user whose email is taken with 409 conflict", async () => {
    const sandbox = createSandbox({ strict: true });
    const ws = await sandbox.createWorkspace();
    const reply = await sandbox.fetch(`/_sandbox/workspaces/${ws.workspace.id}/users`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ role: "viewer", email: ws.owner.user.email }),
    });
    expect(reply.status).toBe(409);
    expect(((await reply.json()) as { code: string }).code).toBe("conflict");
  });

  it("reset forgets every workspace and its keys", async () => {
    const sandbox = createSandbox();
    const ws = await sandbox.createWorkspace();
    sandbox.reset();
    const reply = await sandbox.fetch("/v1/auth/whoami", {
      headers: { "x-api-key": ws.owner.user_key.secret },
    });
    expect(reply.status).toBe(401);
    expect(sandbox.snapshot().workspaces).toEqual([]);
  });

  it("is reproducible with a seed", async () => {
    const a = await createSandbox({ seed: 42 }).createWorkspace();
    const b = await createSandbox({ seed: 42 }).createWorkspace();
    expect(b.workspace.id).toBe(a.workspace.id);
    expect(b.owner.user_key.start).toBe(a.owner.user_key.start);
  });

  it("persists after a control changes state, through onPersist", async () => {
    const snapshots: number[] = [];
    const sandbox = createSandbox({ onPersist: (s) => void snapshots.push(s.workspaces.length) });
    await sandbox.createWorkspace();
    expect(snapshots).toEqual([1]);
  });
});
