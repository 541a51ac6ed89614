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
}
