// No journal entry holds a secret, a digest or a password: every credential kind, sent in every
// header, in the query under every secret parameter name, in a path segment and in a body.
import { beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../../mock/createSandbox.js";
import type { RequestEntry } from "../../../mock/engine/journal/createRequestJournal.js";

let sandbox: Sandbox;
const secrets: Record<string, string> = {};
let password = "";
let digests: string[] = [];

async function json(path: string, init: RequestInit & { key?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.key) headers.set("authorization", `Bearer ${init.key}`);
  if (init.body) headers.set("content-type", "application/json");
  const response = await sandbox.fetch(path, { ...init, headers });
  return response.json();
}

/** Every entry the journal keeps, through its cursor pages. */
function allEntries(box: Sandbox): RequestEntry[] {
  const out: RequestEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = box.requests.list(cursor === undefined ? { limit: 100 } : { limit: 100, cursor });
    out.push(...page.data);
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined);
  return out;
}

beforeAll(async () => {
  sandbox = createSandbox({ baseUrl: "http://sandbox.test" });
  const ws = await sandbox.createWorkspace();
  password = ws.owner.password;
  secrets.user_key = ws.owner.user_key.secret;
  secrets.agent_key = ws.agents[0]?.key.secret ?? "";
  const wsKey = await sandbox.issueKey({ kind: "workspace_key", workspaceId: ws.workspace.id });
  secrets.workspace_key = wsKey.secret;
  const teamKey = await sandbox.issueKey({
    kind: "team_key",
    workspaceId: ws.workspace.id,
    teamId: ws.team.id,
  } as never);
  secrets.team_key = teamKey.secret;
  const session = await json("/v1/auth/authenticate", {
    method: "POST",
    body: JSON.stringify({ email: ws.owner.user.email, password }),
  });
  secrets.session = session.access_token;
  secrets.refresh_token = session.refresh_token;
  const agentId = ws.agents[0]?.agent.id;
  const download = await json(`/v1/downloads/${agentId}/hello.txt/token`, {
    method: "POST",
    key: secrets.user_key,
    body: "{}",
  });
  secrets.download_token = download.token;
  const job = await json("/v1/generate", {
    method: "POST",
    key: secrets.user_key,
    headers: { "x-agent-id": agentId ?? "" },
    body: JSON.stringify({ prompt: "hi", steps: 1 }),
  });
  const stream = await json(`/v1/generate/${job.id}/stream-token`, {
    method: "POST",
    key: secrets.user_key,
    body: "{}",
  });
  secrets.stream_token = stream.token;
  for (const [kind, secret] of Object.entries(secrets)) {
    expect(secret, kind).toMatch(/^(lk_|eyJ)/);
  }
  // Every request below, for every kind, in every place a client might put it.
  for (const secret of Object.values(secrets)) {
    for (const header of ["authorization", "x-api-key", "api-key"]) {
      const value = header === "authorization" ? `Bearer ${secret}` : secret;
      await sandbox.fetch("/v1/agents", { headers: { [header]: value } });
      await sandbox.fetch(`/v1/agents/${agentId}`, { headers: { [header]: value } });
    }
    for (const name of ["token", "access_token", "api_key", "key", "password"]) {
      await sandbox.fetch(`/v1/agents?${name}=${encodeURIComponent(secret)}`);
    }
    await sandbox.fetch(`/v1/agents/${encodeURIComponent(secret)}`, {
      headers: { authorization: `Bearer ${secrets.user_key}` },
    });
    await sandbox.fetch(`/v1/nowhere/${secret}`);
    await sandbox.fetch("/v1/agents", {
      method: "POST",
      headers: { authorization: `Bearer ${secrets.user_key}`, "content-type": "application/json" },
      body: JSON.stringify({ [secret]: secret, name: secret }),
    });
  }
  await sandbox.fetch("/v1/auth/authenticate", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: ws.owner.user.email, password: `${password}x` }),
  });
  await sandbox.fetch("/v1/auth/refresh", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ refresh_token: secrets.refresh_token }),
  });
  const snapshot = sandbox.snapshot();
  digests = snapshot.keys.map((key) => key.digest);
}, 60_000);

describe("the journal never holds a secret", () => {
  it("journals the requests that carried them", () => {
    expect(allEntries(sandbox).length).toBeGreaterThanOrEqual(8 * 14);
  });

  it("holds no credential of any kind, no digest and no password", () => {
    const text = JSON.stringify(allEntries(sandbox));
    for (const [kind, secret] of Object.entries(secrets)) {
      expect(text.includes(secret), kind).toBe(false);
      expect(text.includes(encodeURIComponent(secret)), kind).toBe(false);
    }
    for (const digest of digests) expect(text.includes(digest)).toBe(false);
    expect(text.includes(password)).toBe(false);
  });

  it("describes a credential by kind, place and public start only", () => {
    const kinds = new Set(allEntries(sandbox).map((entry) => entry.credential?.kind));
    for (const kind of Object.keys(secrets)) expect(kinds, kind).toContain(kind);
    for (const entry of allEntries(sandbox)) {
      const start = entry.credential?.start;
      if (start) expect(start).toMatch(/^lk_[a-z]+_test_[0-9A-Za-z]{4}$/);
    }
  });
});
