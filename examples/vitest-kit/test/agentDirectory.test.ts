// The app's tests on the latchkey sandbox: in-process by default, or against a standalone
// `latchkey sandbox` when LATCHKEY_SANDBOX_URL is set. Each test gets its own workspace.
// README: fixtures
import { ApiError, createClient } from "latchkey";
import { test } from "latchkey/vitest";
import { describe, expect } from "vitest";
import { agentSlugs } from "../src/agentDirectory.js";

test("lists the workspace's agents", async ({ client }) => {
  expect(await agentSlugs(client)).toEqual(["agent-one", "agent-two"]);
});
// /README

describe("when the API misbehaves", () => {
  // README: faults
  test("rides out two 503s", async ({ client, workspace }) => {
    await workspace.faults.add({
      match: { operation_id: "listAgents" },
      action: { type: "status", status: 503, retry_after: 0 },
      times: 2,
    });
    expect(await agentSlugs(client)).toHaveLength(2);
    const [rule] = await workspace.faults.list();
    expect(rule?.fired).toBe(2);
  });
  // /README

  test("rides out a 429 with Retry-After", async ({ client, workspace }) => {
    await workspace.faults.add({
      match: { method: "GET", path: "/v1/agents" },
      action: { type: "status", status: 429, retry_after: 1 },
    });
    const started = Date.now();
    expect(await agentSlugs(client)).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  test("rides out a dropped connection", async ({ client, workspace }) => {
    await workspace.faults.add({ match: { operation_id: "listAgents" }, action: { type: "drop" } });
    expect(await agentSlugs(client)).toHaveLength(2);
  });

  test("signs in again when the session is refused as expired early", async ({
    client,
    workspace,
  }) => {
    await agentSlugs(client);
    await workspace.faults.add({
      match: { credential_kind: "session" },
      action: { type: "token_expired" },
    });
    expect(await agentSlugs(client)).toHaveLength(2);
  });

  test("gives up with a typed error when the API stays down", async ({ client, workspace }) => {
    await workspace.faults.add({
      match: { operation_id: "listAgents" },
      action: { type: "status", status: 503, retry_after: 0 },
      times: 10,
    });
    const error = await agentSlugs(client).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503, code: "service_unavailable" });
  });
});

test("keeps working past the session's 15 minutes", async ({ client, clock }) => {
  await agentSlugs(client);
  await clock.advance("16m");
  expect(await agentSlugs(client)).toHaveLength(2);
});

test("a viewer may not create agents", async ({ sandbox, workspace }) => {
  const viewer = await sandbox.createUser(workspace.workspace.id, { role: "viewer" });
  const asViewer = createClient({
    baseUrl: sandbox.baseUrl,
    fetch: (request) => sandbox.fetch(request),
    credentials: viewer.user_key.secret,
  });
  const { error } = await asViewer.POST("/v1/agents", { body: { name: "X", slug: "x-agent" } });
  expect(error?.code).toBe("insufficient_scope");
});

for (const n of [1, 2, 3]) {
  test.concurrent(`concurrent test ${n}: its own workspace, its own faults`, async ({
    client,
    workspace,
  }) => {
    await workspace.faults.add({
      match: { operation_id: "listAgents" },
      action: { type: "status", status: 503, retry_after: 0 },
    });
    expect(await agentSlugs(client)).toHaveLength(2);
    expect(await workspace.faults.list()).toHaveLength(1);
  });
}
