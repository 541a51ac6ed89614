// A team key opens the team's intake, so only the team's members, and the workspace's admins and
// owners, may mint (create or rotate) one; a workspace key cannot.
import { describe, expect, it } from "vitest";
import { bearer, call, setup } from "./engineHarness.js";

type Setup = Awaited<ReturnType<typeof setup>>;

async function user(s: Setup, role: string, teamMember: boolean): Promise<string> {
  const made = await call(s.engine, `/_sandbox/workspaces/${s.ws.workspace.id}/users`, {
    method: "POST",
    json: { role, team_member: teamMember },
  });
  expect(made.status).toBe(201);
  return made.body.user_key.secret;
}

const mint = (s: Setup, credential: string) =>
  call(s.engine, `/v1/teams/${s.ws.team.id}/keys`, {
    method: "POST",
    headers: bearer(credential),
    json: { name: "webhook" },
  });

describe("team keys", () => {
  it("a member who is not in the team cannot mint its key (403 team_mismatch)", async () => {
    const s = await setup();
    const answer = await mint(s, await user(s, "member", false));
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe("team_mismatch");
  });

  it("a member who is not in the team cannot rotate its key (403 team_mismatch)", async () => {
    const s = await setup();
    const made = await mint(s, s.ownerKey);
    expect(made.status).toBe(201);
    const answer = await call(s.engine, `/v1/teams/${s.ws.team.id}/keys/${made.body.id}/rotate`, {
      method: "POST",
      headers: bearer(await user(s, "member", false)),
      json: {},
    });
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe("team_mismatch");
  });

  it("a workspace key cannot mint a team's key (403 credential_kind_not_allowed)", async () => {
    const s = await setup();
    const wsKey = await call(s.engine, `/v1/w/${s.ws.workspace.id}/keys`, {
      method: "POST",
      headers: bearer(s.ownerKey),
      json: { name: "automation" },
    });
    expect(wsKey.status).toBe(201);
    const answer = await mint(s, wsKey.body.secret);
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe("credential_kind_not_allowed");
  });

  it("a team member, and a workspace admin outside the team, may mint its key", async () => {
    const s = await setup();
    expect((await mint(s, await user(s, "member", true))).status).toBe(201);
    expect((await mint(s, await user(s, "admin", false))).status).toBe(201);
  });
});
