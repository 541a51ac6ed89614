// One suite of the `latchkey/vitest` fixtures, run in-process and against a standalone server:
// every fixture, concurrent tests, faults through the client, and nothing left behind.
import { expect } from "vitest";
import type { createLatchkeyTest } from "../../mock/vitest/index.js";
import { unwrap } from "../../src/index.js";

type KitTest = ReturnType<typeof createLatchkeyTest>;

export function kitSuite(test: KitTest): void {
  test("workspace has an owner, two agents with keys and a team; client acts as the owner", async ({
    workspace,
    client,
  }) => {
    expect(workspace.agents).toHaveLength(2);
    expect(workspace.team.id).toMatch(/^team_/);
    const me = await unwrap(client.GET("/v1/auth/whoami"));
    expect(me).toMatchObject({ user_id: workspace.owner.user.id, role: "owner" });
    const agents = await unwrap(client.GET("/v1/agents"));
    expect(agents.data.map((agent) => agent.slug)).toEqual(["agent-one", "agent-two"]);
  });

  test("the client's clock is the sandbox's: past the session's life it refreshes by itself", async ({
    client,
    clock,
    sandbox,
  }) => {
    const before = clock.now().getTime();
    await unwrap(client.GET("/v1/agents"));
    await clock.advance("16m");
    expect(clock.now().getTime() - before).toBeGreaterThanOrEqual(16 * 60_000);
    const reply = await sandbox.fetch(`${sandbox.baseUrl}/_sandbox/clock`);
    expect(((await reply.json()) as { offset_ms: number }).offset_ms).toBeGreaterThanOrEqual(
      16 * 60_000,
    );
    const me = await unwrap(client.GET("/v1/auth/whoami"));
    expect(Date.parse(me.expires_at ?? "")).toBeGreaterThan(clock.now().getTime());
  });

  test("a fault on the workspace is retried through by the client", async ({
    workspace,
    client,
  }) => {
    await workspace.faults.add({
      match: { operation_id: "listAgents" },
      action: { type: "status", status: 503, retry_after: 0 },
      times: 2,
    });
    const { response } = await client.GET("/v1/agents");
    expect(response.status).toBe(200);
    const [rule] = await workspace.faults.list();
    expect(rule?.fired).toBe(2);
  });

  for (const n of [1, 2, 3]) {
    test.concurrent(`concurrent test ${n} has its own workspace and faults`, async ({
      workspace,
      client,
      sandbox,
    }) => {
      const other = await sandbox.createWorkspace();
      await workspace.faults.add({
        match: { operation_id: "listAgents" },
        action: { type: "status", status: 503 },
        times: 50,
      });
      await new Promise((resolve) => setTimeout(resolve, 20 * n));
      // Another workspace of the same sandbox is untouched by this test's rule.
      const reply = await sandbox.fetch(`${sandbox.baseUrl}/v1/agents`, {
        headers: { authorization: `Bearer ${other.owner.user_key.secret}` },
      });
      expect(reply.status).toBe(200);
      const { response } = await client.GET("/v1/agents");
      expect(response.status).toBe(503);
      expect(await workspace.faults.list()).toHaveLength(1);
    });
  }

  test("toHaveReceivedRequest sees what the app sent, by operation, credential and agent", async ({
    workspace,
    client,
    sandbox,
  }) => {
    await unwrap(client.GET("/v1/agents"));
    const agent = workspace.agents[0];
    const reply = await sandbox.fetch(`${sandbox.baseUrl}/v1/invoke/${agent?.agent.slug}`, {
      method: "POST",
      headers: { "x-api-key": agent?.key.secret ?? "", "content-type": "application/json" },
      body: JSON.stringify({ input: "hi" }),
    });
    expect(reply.status).toBe(200);
    await expect(workspace).toHaveReceivedRequest({ operationId: "listAgents", status: 200 });
    await expect(workspace).toHaveReceivedRequest({
      operationId: "invokeAgent",
      credential: "agent_key",
      presentedIn: "x-api-key",
      agentId: agent?.agent.id,
    });
    await expect(workspace).not.toHaveReceivedRequest({
      operationId: "invokeAgent",
      credential: "user_key",
    });
    await expect(workspace).not.toHaveReceivedRequest({ presentedIn: "query" });
    // The client signed in once, not once per request.
    await expect(workspace).toHaveReceivedRequestTimes(1, { operationId: "authenticate" });
  });

  test("a failing request assertion shows the closest entries with their decision chains", async ({
    workspace,
    sandbox,
  }) => {
    await sandbox.fetch(`${sandbox.baseUrl}/v1/invoke/agent-one`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${workspace.owner.user_key.secret}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ input: "hi" }),
    });
    const failure = await expect(workspace)
      .toHaveReceivedRequest({ operationId: "invokeAgent", status: 200 })
      .then(
        () => null,
        (error: Error) => error.message,
      );
    expect(failure).toContain("closest");
    expect(failure).toContain("403 credential_kind_not_allowed");
    expect(failure).toMatch(/✗ credential_kind +Call this operation with an agent key/);
    expect(failure).not.toContain(workspace.owner.user_key.secret);
  });

  test("another workspace's requests are never counted", async ({ workspace, sandbox }) => {
    const other = await sandbox.createWorkspace();
    await sandbox.fetch(`${sandbox.baseUrl}/v1/agents`, {
      headers: { authorization: `Bearer ${other.owner.user_key.secret}` },
    });
    await expect(workspace).toHaveReceivedRequestTimes(0, { operationId: "listAgents" });
  });
}
