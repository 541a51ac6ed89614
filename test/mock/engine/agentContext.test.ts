import { describe, expect, it } from "vitest";
import { bearer, call, newWorkspace, setup } from "./engineHarness.js";

describe("agent context", () => {
  const job = { prompt: "Draft a release note", steps: 1 };

  it("requires X-Agent-ID when the workspace has two agents", async () => {
    const { engine, ownerKey, agentId } = await setup();
    const missing = await call(engine, "/v1/generate", {
      method: "POST",
      headers: bearer(ownerKey),
      json: job,
    });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe("agent_context_required");
    const named = await call(engine, "/v1/generate", {
      method: "POST",
      headers: { ...bearer(ownerKey), "x-agent-id": agentId(1) },
      json: job,
    });
    expect(named.status).toBe(201);
    expect(named.body.agent_id).toBe(agentId(1));
  });

  it("implies the only agent of a workspace with one agent", async () => {
    const { engine, ownerKey, agentId } = await setup();
    await call(engine, `/v1/agents/${agentId(1)}`, { method: "DELETE", headers: bearer(ownerKey) });
    const answer = await call(engine, "/v1/generate", {
      method: "POST",
      headers: bearer(ownerKey),
      json: job,
    });
    expect(answer.status).toBe(201);
    expect(answer.body.agent_id).toBe(agentId(0));
  });

  it("answers agent_context_required in a workspace with no agent", async () => {
    const { engine, ownerKey, agentId } = await setup();
    for (const i of [0, 1] as const) {
      await call(engine, `/v1/agents/${agentId(i)}`, {
        method: "DELETE",
        headers: bearer(ownerKey),
      });
    }
    const answer = await call(engine, "/v1/generate", {
      method: "POST",
      headers: bearer(ownerKey),
      json: job,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe("agent_context_required");
  });

  it("refuses X-Agent-ID naming another workspace's agent with agent_forbidden", async () => {
    const { engine, ownerKey } = await setup();
    const other = await newWorkspace(engine);
    const answer = await call(engine, "/v1/generate", {
      method: "POST",
      headers: { ...bearer(ownerKey), "x-agent-id": other.agents[0]?.agent.id ?? "" },
      json: job,
    });
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe("agent_forbidden");
  });

  it("refuses an agent key with another agent's X-Agent-ID with agent_mismatch", async () => {
    const { engine, agentKey, agentId } = await setup();
    const own = await call(engine, "/v1/invoke/agent-one", {
      method: "POST",
      headers: { ...bearer(agentKey(0)), "x-agent-id": agentId(0) },
      json: { input: "hi" },
    });
    expect(own.status).toBe(200);
    const answer = await call(engine, "/v1/invoke/agent-one", {
      method: "POST",
      headers: { ...bearer(agentKey(0)), "x-agent-id": agentId(1) },
      json: { input: "hi" },
    });
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe("agent_mismatch");
  });

  it("validates X-Agent-ID against its schema with a /header pointer", async () => {
    const { engine, ownerKey } = await setup();
    const answer = await call(engine, "/v1/generate", {
      method: "POST",
      headers: { ...bearer(ownerKey), "x-agent-id": "not-an-agent" },
      json: job,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe("validation_failed");
    expect(answer.body.errors).toContainEqual(
      expect.objectContaining({ pointer: "/header/X-Agent-ID" }),
    );
  });
});
