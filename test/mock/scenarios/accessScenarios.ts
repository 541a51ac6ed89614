// What a valid credential may reach: scopes, workspaces, agents.
import { expect, it } from "vitest";
import type { ScenarioClient, Schemas } from "./scenarioClient.js";

export function accessScenarios(c: ScenarioClient): void {
  it("refuses a missing scope with 403 insufficient_scope in the header and in required_scopes", async () => {
    const ws = await c.workspace();
    const viewer = await c.user(ws.workspace.id, { role: "viewer" });
    const reply = await c.request("POST", "/v1/agents", {
      auth: viewer.user_key.secret,
      body: { name: "Nope", slug: "nope" },
    });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe("insufficient_scope");
    expect(reply.body.required_scopes).toEqual(["agents:write"]);
    expect(reply.headers.get("www-authenticate")).toBe(
      'Bearer realm="latchkey", error="insufficient_scope", scope="agents:write"',
    );
  });

  it("refuses a workspace key on another workspace with 403 workspace_mismatch", async () => {
    const a = await c.workspace();
    const b = await c.workspace();
    const created = await c.request<Schemas["KeyWithSecret"]>(
      "POST",
      `/v1/w/${a.workspace.id}/keys`,
      {
        auth: a.owner.user_key.secret,
        body: { name: "ci", scopes: ["keys:read"] },
      },
    );
    expect(created.status).toBe(201);
    const reply = await c.request("GET", `/v1/w/${b.workspace.id}/keys`, {
      auth: created.body.secret,
    });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe("workspace_mismatch");
  });

  it("answers 404 for another workspace's objects, exactly as for missing ones", async () => {
    const a = await c.workspace();
    const b = await c.workspace();
    const auth = a.owner.user_key.secret;
    const other = await c.request("GET", `/v1/agents/${b.agents[0]?.agent.id}`, { auth });
    const missing = await c.request("GET", "/v1/agents/agt_0000000000000000", { auth });
    expect(other.status).toBe(404);
    expect(other.body.code).toBe("not_found");
    expect(missing.status).toBe(404);
    const otherKey = await c.request(
      "GET",
      `/v1/agents/${b.agents[0]?.agent.id}/api-keys/${b.agents[0]?.key.id}`,
      { auth },
    );
    expect(otherKey.status).toBe(404);
  });

  it("an agent key invokes its own agent by slug", async () => {
    const ws = await c.workspace();
    const [one] = ws.agents;
    const reply = await c.request<Schemas["InvokeResponse"]>("POST", "/v1/invoke/agent-one", {
      auth: one?.key.secret,
      body: { input: "hello there" },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.output).toBe("echo: hello there");
    expect(reply.body.agent_id).toBe(one?.agent.id);
  });

  it("refuses an agent key on another agent's slug with 403 agent_mismatch", async () => {
    const ws = await c.workspace();
    const reply = await c.request("POST", "/v1/invoke/agent-two", {
      auth: ws.agents[0]?.key.secret,
      body: { input: "hi" },
    });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe("agent_mismatch");
  });

  it("refuses an agent key with another agent's X-Agent-ID with 403 agent_mismatch", async () => {
    const ws = await c.workspace();
    const reply = await c.request("POST", "/v1/invoke/agent-one", {
      auth: ws.agents[0]?.key.secret,
      headers: { "x-agent-id": ws.agents[1]?.agent.id ?? "" },
      body: { input: "hi" },
    });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe("agent_mismatch");
  });

  it("needs X-Agent-ID when the workspace has two agents (400 agent_context_required)", async () => {
    const ws = await c.workspace();
    const reply = await c.request("POST", "/v1/generate", {
      auth: ws.owner.user_key.secret,
      body: { prompt: "draft" },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe("agent_context_required");
  });

  it("runs as the agent named by X-Agent-ID", async () => {
    const ws = await c.workspace();
    const two = ws.agents[1]?.agent.id ?? "";
    const reply = await c.request<Schemas["Job"]>("POST", "/v1/generate", {
      auth: ws.owner.user_key.secret,
      headers: { "x-agent-id": two },
      body: { prompt: "draft" },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.agent_id).toBe(two);
  });

  it("implies the only agent when the workspace has one, and needs one when it has none", async () => {
    const ws = await c.workspace();
    const auth = ws.owner.user_key.secret;
    const [one, two] = ws.agents;
    expect((await c.request("DELETE", `/v1/agents/${two?.agent.id}`, { auth })).status).toBe(200);
    const implied = await c.request<Schemas["Job"]>("POST", "/v1/generate", {
      auth,
      body: { prompt: "x" },
    });
    expect(implied.status).toBe(201);
    expect(implied.body.agent_id).toBe(one?.agent.id);
    expect((await c.request("DELETE", `/v1/agents/${one?.agent.id}`, { auth })).status).toBe(200);
    const none = await c.request("POST", "/v1/generate", { auth, body: { prompt: "x" } });
    expect(none.status).toBe(400);
    expect(none.body.code).toBe("agent_context_required");
  });

  it("refuses X-Agent-ID naming another workspace's agent with 403 agent_forbidden", async () => {
    const a = await c.workspace();
    const b = await c.workspace();
    const reply = await c.request("POST", "/v1/generate", {
      auth: a.owner.user_key.secret,
      headers: { "x-agent-id": b.agents[0]?.agent.id ?? "" },
      body: { prompt: "x" },
    });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe("agent_forbidden");
  });

  it("deleting an agent revokes its keys", async () => {
    const ws = await c.workspace();
    const [one] = ws.agents;
    const auth = ws.owner.user_key.secret;
    expect((await c.request("DELETE", `/v1/agents/${one?.agent.id}`, { auth })).status).toBe(200);
    const reply = await c.request("POST", "/v1/invoke/agent-one", {
      auth: one?.key.secret,
      body: { input: "hi" },
    });
    expect(reply.status).toBe(401);
    expect(reply.body.code).toBe("token_revoked");
  });

  it("refuses a slug already taken in the workspace with 409 conflict", async () => {
    const ws = await c.workspace();
    const reply = await c.request("POST", "/v1/agents", {
      auth: ws.owner.user_key.secret,
      body: { name: "Again", slug: "agent-one" },
    });
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe("conflict");
  });
}
