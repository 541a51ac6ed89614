// The request journal's rules, one test each: what it keeps, how it is read, whose an entry is.
import { describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../../mock/createSandbox.js";
import type { RequestEntry } from "../../../mock/engine/journal/createRequestJournal.js";

const BASE = "http://sandbox.test";

async function setup(options: Parameters<typeof createSandbox>[0] = {}) {
  const sandbox = createSandbox({ baseUrl: BASE, ...options });
  const ws = await sandbox.createWorkspace();
  return { sandbox, ws, key: ws.owner.user_key.secret };
}

function bearer(key: string) {
  return { headers: { authorization: `Bearer ${key}` } };
}

function last(sandbox: Sandbox): RequestEntry {
  const entry = sandbox.requests.list({ limit: 1 }).data[0];
  if (!entry) throw new Error("the journal is empty");
  return entry;
}

describe("the request journal", () => {
  it("keeps only the last N entries", async () => {
    const { sandbox, key } = await setup({ journal: 3 });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await sandbox.fetch("/v1/agents", bearer(key));
      ids.push(response.headers.get("x-request-id") ?? "");
    }
    expect(sandbox.requests.list().data.map((e) => e.id)).toEqual(ids.slice(2).reverse());
    expect(sandbox.requests.get(ids[1] ?? "")).toBeUndefined();
    expect(sandbox.requests.get(ids[4] ?? "")?.operation_id).toBe("listAgents");
  });

  it("is off with journal: 0 or false, and says so when read", async () => {
    for (const journal of [0, false] as const) {
      const { sandbox } = await setup({ journal });
      expect(() => sandbox.requests.list()).toThrow(/journal is off/);
      const response = await sandbox.fetch("/_sandbox/requests");
      expect(response.status).toBe(409);
    }
  });

  it("does not journal reads of itself", async () => {
    const { sandbox, key } = await setup();
    await sandbox.fetch("/v1/agents", bearer(key));
    const before = sandbox.requests.list({ limit: 100 }).data.length;
    const listed = await sandbox.fetch("/_sandbox/requests?limit=5");
    expect(listed.status).toBe(200);
    const id = last(sandbox).id;
    expect((await sandbox.fetch(`/_sandbox/requests/${id}`)).status).toBe(200);
    expect(sandbox.requests.list({ limit: 100 }).data.length).toBe(before);
  });

  it("lists newest first, filtered, a page at a time", async () => {
    const { sandbox, ws, key } = await setup();
    await sandbox.fetch("/v1/agents", bearer(key));
    await sandbox.fetch("/v1/agents", bearer(ws.agents[0]?.key.secret ?? ""));
    await sandbox.fetch("/v1/agents", bearer(key));
    const refused = sandbox.requests.list({ status: 403 }).data;
    expect(refused.map((e) => e.credential?.kind)).toEqual(["agent_key"]);
    const mine = sandbox.requests.list({
      workspace_id: ws.workspace.id,
      operation_id: "listAgents",
      credential_kind: "user_key",
      limit: 1,
    });
    expect(mine.data).toHaveLength(1);
    expect(mine.next_cursor).not.toBeNull();
    const next = sandbox.requests.list({
      workspace_id: ws.workspace.id,
      credential_kind: "user_key",
      limit: 1,
      cursor: mine.next_cursor ?? "",
    });
    expect((next.data[0]?.at ?? "") <= (mine.data[0]?.at ?? "")).toBe(true);
    expect(next.data[0]?.id).not.toBe(mine.data[0]?.id);
    const http = await (await sandbox.fetch(`/_sandbox/requests?status=403`)).json();
    expect(http.data.map((e: RequestEntry) => e.id)).toEqual(refused.map((e) => e.id));
  });

  it("names the workspace of a revoked key", async () => {
    const { sandbox, ws, key } = await setup();
    const other = await sandbox.issueKey({ kind: "workspace_key", workspaceId: ws.workspace.id });
    await sandbox.fetch(`/v1/w/${ws.workspace.id}/keys/${other.id}`, {
      method: "DELETE",
      ...bearer(key),
    });
    const response = await sandbox.fetch("/v1/agents", bearer(other.secret));
    expect(response.status).toBe(401);
    const entry = last(sandbox);
    expect(entry.code).toBe("token_revoked");
    expect(entry.workspace_id).toBe(ws.workspace.id);
    expect(entry.credential).toEqual({
      kind: "workspace_key",
      presented_in: "authorization",
      start: other.start,
    });
  });

  it("names the workspace of a key sent in a query string", async () => {
    const { sandbox, ws, key } = await setup();
    const response = await sandbox.fetch(`/v1/agents?api_key=${key}`);
    expect(response.status).toBe(400);
    const entry = last(sandbox);
    expect(entry.decision.at(-1)?.check).toBe("credential_location");
    expect(entry.workspace_id).toBe(ws.workspace.id);
    expect(entry.credential?.presented_in).toBe("query");
    expect(entry.path).not.toContain(key);
  });

  it("leaves a credential that matches nothing unattributed", async () => {
    const { sandbox, key } = await setup();
    const forged = `${key.slice(0, -1)}${key.endsWith("A") ? "B" : "A"}`;
    await sandbox.fetch("/v1/agents", { headers: { "x-api-key": forged } });
    const entry = last(sandbox);
    expect(entry.workspace_id).toBeNull();
    expect(entry.credential).toEqual({ kind: "user_key", presented_in: "x-api-key", start: null });
  });

  it("puts a sign-in in its user's workspace, refused or not", async () => {
    const { sandbox, ws } = await setup();
    await sandbox.fetch("/v1/auth/authenticate", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: ws.owner.user.email, password: "wrong-password-1" }),
    });
    const entry = last(sandbox);
    expect(entry.status).toBe(401);
    expect(entry.workspace_id).toBe(ws.workspace.id);
  });

  it("records the agent context and where it came from", async () => {
    const { sandbox, ws, key } = await setup();
    const agent = ws.agents[0];
    const invoke = (headers: Record<string, string>) =>
      sandbox.fetch(`/v1/invoke/${agent?.agent.slug}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ input: "hi" }),
      });
    await invoke({ authorization: `Bearer ${agent?.key.secret}` });
    expect(last(sandbox).agent_context).toEqual({ agent_id: agent?.agent.id, source: "key" });
    await sandbox.fetch("/v1/generate", {
      method: "POST",
      headers: {
        authorization: `Bearer ${key}`,
        "x-agent-id": agent?.agent.id ?? "",
        "content-type": "application/json",
      },
      body: JSON.stringify({ prompt: "hi", steps: 1 }),
    });
    expect(last(sandbox).agent_context).toEqual({ agent_id: agent?.agent.id, source: "header" });
    await sandbox.fetch("/v1/agents", bearer(key));
    expect(last(sandbox).agent_context).toBeNull();
  });

  it("names the closest operations for an unknown path and a wrong method", async () => {
    const { sandbox } = await setup();
    const notFound = await (await sandbox.fetch("/v1/agent/agt_5Rk8Nw3Qz1Lm7Xp4")).json();
    expect(notFound.detail).toContain("Did you mean GET /v1/agents/{agentId}");
    expect(last(sandbox).decision).toEqual([
      { check: "route", outcome: "fail", detail: notFound.detail },
    ]);
    const wrongMethod = await (await sandbox.fetch("/v1/agents", { method: "PUT" })).json();
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.detail).toMatch(
      /Did you mean (GET|POST) \/v1\/agents or (GET|POST) \/v1\/agents\?/,
    );
  });

  it("refuses to list with replicas rather than show one replica's part", async () => {
    const sandbox = createSandbox({
      baseUrl: BASE,
      changeLog: { append() {}, async catchUp() {} },
    });
    const response = await sandbox.fetch("/_sandbox/requests");
    expect(response.status).toBe(409);
    expect((await response.json()).detail).toContain("replicas");
  });

  it("is never part of the state a state file keeps", async () => {
    const { sandbox, key } = await setup();
    const response = await sandbox.fetch("/v1/agents", bearer(key));
    const id = response.headers.get("x-request-id") ?? "";
    expect(sandbox.requests.get(id)).toBeDefined();
    expect(JSON.stringify(sandbox.snapshot())).not.toContain(id);
  });

  it("is emptied by a reset", async () => {
    const { sandbox, key } = await setup();
    await sandbox.fetch("/v1/agents", bearer(key));
    sandbox.reset();
    expect(sandbox.requests.list().data).toEqual([]);
  });
});
