// RFC 6750 at its edges (issue 7, item 10): another scheme is no credential, a forged JWT is
// malformed whoever it claims as issuer, and a team key acts as no agent.
import { describe, expect, it } from "vitest";
import { base64url, utf8 } from "../../../mock/engine/base64url.js";
import { bearer, call, setup } from "./engineHarness.js";

const json64 = (value: unknown) => base64url(utf8(JSON.stringify(value)));

/** A JWT signed with nothing (`alg: none`) and a non-empty junk signature so it keeps the shape. */
function unsignedJwt(claims: Record<string, unknown>): string {
  return `${json64({ alg: "none", typ: "JWT" })}.${json64(claims)}.${json64("sig")}`;
}

describe("RFC 6750 edges", () => {
  it("answers Authorization: Basic alone with 401 credentials_missing and the bare challenge", async () => {
    const { engine, ownerKey } = await setup();
    for (const authorization of [`Basic ${btoa(`x:${ownerKey}`)}`, "Digest abc", "Token x"]) {
      const answer = await call(engine, "/v1/agents", { headers: { authorization } });
      expect(answer.status, authorization.split(" ")[0]).toBe(401);
      expect(answer.body.code).toBe("credentials_missing");
      expect(answer.headers.get("www-authenticate")).toBe('Bearer realm="latchkey"');
    }
  });

  it("takes the API-key header when Authorization carries another scheme", async () => {
    const { engine, ownerKey } = await setup();
    const answer = await call(engine, "/v1/agents", {
      headers: { authorization: "Basic eDp5", "x-api-key": ownerKey },
    });
    expect(answer.status).toBe(200);
  });

  it("refuses a JWT with alg none as token_malformed, whatever issuer it claims", async () => {
    const { engine, ws } = await setup();
    const now = Math.floor(Date.now() / 1000);
    for (const iss of ["latchkey-sandbox", "https://idp.example.test", undefined]) {
      const token = unsignedJwt({
        iss,
        sub: ws.owner.user.id,
        ws: ws.workspace.id,
        exp: now + 600,
        mode: "test",
      });
      const answer = await call(engine, "/v1/auth/whoami", { headers: bearer(token) });
      expect(answer.status, String(iss)).toBe(401);
      expect(answer.body.code, String(iss)).toBe("token_malformed");
      expect(answer.headers.get("www-authenticate")).toContain('error="invalid_token"');
    }
  });

  it("refuses whoami with a team key and X-Agent-ID with 403 agent_forbidden", async () => {
    const { engine, ws, ownerKey, agentId } = await setup();
    const team = await call(engine, `/v1/teams/${ws.team.id}/keys`, {
      method: "POST",
      headers: bearer(ownerKey),
      json: { name: "intake" },
    });
    const answer = await call(engine, "/v1/auth/whoami", {
      headers: { ...bearer(team.body.secret), "x-agent-id": agentId(0) },
    });
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe("agent_forbidden");
  });

  it("reports no agent for a team key even when its workspace has exactly one", async () => {
    const { engine, ws, ownerKey, agentId } = await setup();
    await call(engine, `/v1/agents/${agentId(1)}`, { method: "DELETE", headers: bearer(ownerKey) });
    const team = await call(engine, `/v1/teams/${ws.team.id}/keys`, {
      method: "POST",
      headers: bearer(ownerKey),
      json: { name: "intake" },
    });
    const answer = await call(engine, "/v1/auth/whoami", { headers: bearer(team.body.secret) });
    expect(answer.status).toBe(200);
    expect(answer.body.principal.kind).toBe("team_key");
    expect(answer.body.agent_id).toBeNull();
    // The same workspace's user key does get the one agent implied.
    const user = await call(engine, "/v1/auth/whoami", { headers: bearer(ownerKey) });
    expect(user.body.agent_id).toBe(agentId(0));
  });
});
