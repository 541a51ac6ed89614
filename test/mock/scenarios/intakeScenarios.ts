// A team's intake webhook: its team key, or a member's user credential; nobody else.
import { expect, it } from "vitest";
import type { ScenarioClient, Schemas } from "./scenarioClient.js";

export function intakeScenarios(c: ScenarioClient): void {
  const event = { event: "ticket.created", payload: { subject: "Printer on fire" } };
  const teamKey = async (ws: Schemas["SandboxWorkspace"]) => {
    const reply = await c.request<Schemas["KeyWithSecret"]>(
      "POST",
      `/v1/teams/${ws.team.id}/keys`,
      {
        auth: ws.owner.user_key.secret,
        body: { name: "intake" },
      },
    );
    expect(reply.status).toBe(201);
    expect(reply.body.scopes).toEqual([]);
    return reply.body.secret;
  };

  it("a team key posts to its team's intake (202)", async () => {
    const ws = await c.workspace();
    const reply = await c.request<Schemas["IntakeAccepted"]>("POST", `/v1/intake/${ws.team.id}`, {
      auth: await teamKey(ws),
      body: event,
    });
    expect(reply.status).toBe(202);
    expect(reply.body.team_id).toBe(ws.team.id);
  });

  it("a team key can call nothing but the intake (403 credential_kind_not_allowed)", async () => {
    const ws = await c.workspace();
    const reply = await c.request("GET", "/v1/agents", { auth: await teamKey(ws) });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe("credential_kind_not_allowed");
  });

  it("a team member's user key is accepted", async () => {
    const ws = await c.workspace();
    const member = await c.user(ws.workspace.id, { role: "member", team_member: true });
    const reply = await c.request("POST", `/v1/intake/${ws.team.id}`, {
      auth: member.user_key.secret,
      body: event,
    });
    expect(reply.status).toBe(202);
  });

  it("a user who is not a team member gets 403 team_mismatch", async () => {
    const ws = await c.workspace();
    const outsider = await c.user(ws.workspace.id, { role: "admin" });
    const reply = await c.request("POST", `/v1/intake/${ws.team.id}`, {
      auth: outsider.user_key.secret,
      body: event,
    });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe("team_mismatch");
  });

  it("another workspace's team is 404, for its team key as for anyone", async () => {
    const a = await c.workspace();
    const b = await c.workspace();
    const reply = await c.request("POST", `/v1/intake/${b.team.id}`, {
      auth: await teamKey(a),
      body: event,
    });
    expect(reply.status).toBe(404);
    expect(reply.body.code).toBe("not_found");
  });

  it("an agent key is refused at the intake (403 credential_kind_not_allowed)", async () => {
    const ws = await c.workspace();
    const reply = await c.request("POST", `/v1/intake/${ws.team.id}`, {
      auth: ws.agents[0]?.key.secret,
      body: event,
    });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe("credential_kind_not_allowed");
  });
}
