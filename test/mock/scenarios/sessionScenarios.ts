// Sessions: logging in, who-am-I, refresh rotation and reuse, expiry, revocation.
import { expect, it } from "vitest";
import type { ScenarioClient, Schemas } from "./scenarioClient.js";

export function sessionScenarios(c: ScenarioClient): void {
  const whoami = (auth: string) => c.request<Schemas["Whoami"]>("GET", "/v1/auth/whoami", { auth });
  const refresh = (token: string) =>
    c.request<Schemas["Session"]>("POST", "/v1/auth/refresh", { body: { refresh_token: token } });
  const codeOf = (reply: { body: unknown }) => (reply.body as Schemas["Problem"]).code;

  it("gives a wrong password and an unknown email the same 401 invalid_credentials", async () => {
    const ws = await c.workspace();
    const wrong = await c.request("POST", "/v1/auth/authenticate", {
      body: { email: ws.owner.user.email, password: "wrong password" },
    });
    const unknown = await c.request("POST", "/v1/auth/authenticate", {
      body: { email: "nobody@example.test", password: "wrong password" },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.code).toBe("invalid_credentials");
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });

  it("a session acts as its user with the user's role scopes", async () => {
    const ws = await c.workspace();
    const session = await c.login(ws.owner);
    const me = await whoami(session.access_token);
    expect(me.status).toBe(200);
    expect(me.body.principal.kind).toBe("session");
    expect(me.body.user_id).toBe(ws.owner.user.id);
    expect(me.body.workspace_id).toBe(ws.workspace.id);
    expect(me.body.role).toBe("owner");
    expect(me.body.scopes).toContain("workspace:admin");
    expect(me.body.mode).toBe("test");
  });

  it("a refresh returns a new pair and retires the refresh token presented", async () => {
    const ws = await c.workspace();
    const first = await c.login(ws.owner);
    const second = await refresh(first.refresh_token);
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    expect((await whoami(second.body.access_token)).status).toBe(200);
  });

  it("reusing a refresh token revokes the whole family", async () => {
    const ws = await c.workspace();
    const first = await c.login(ws.owner);
    const second = await refresh(first.refresh_token);
    expect(second.status).toBe(200);
    const reuse = await refresh(first.refresh_token);
    expect(reuse.status).toBe(401);
    expect(codeOf(reuse)).toBe("refresh_token_reused");
    expect(reuse.headers.get("www-authenticate")).toContain('error="invalid_token"');
    const access = await whoami(second.body.access_token);
    expect(access.status).toBe(401);
    expect(codeOf(access)).toBe("token_revoked");
    expect((await whoami(first.access_token)).status).toBe(401);
    expect((await refresh(second.body.refresh_token)).status).toBe(401);
  });

  it("refuses a malformed refresh token with token_malformed", async () => {
    const reply = await refresh("lk_rt_test_short");
    expect(reply.status).toBe(401);
    expect(codeOf(reply)).toBe("token_malformed");
  });

  it("a session expires after 15 minutes on the sandbox clock", async () => {
    const ws = await c.workspace();
    const session = await c.login(ws.owner);
    expect((await whoami(session.access_token)).status).toBe(200);
    await c.advanceClock("16m");
    const reply = await whoami(session.access_token);
    expect(reply.status).toBe(401);
    expect(codeOf(reply)).toBe("token_expired");
  });

  it("revoking an access token ends it on the very next request", async () => {
    const ws = await c.workspace();
    const session = await c.login(ws.owner);
    const revoke = await c.request("POST", "/v1/auth/revoke", {
      body: { token: session.access_token, token_type_hint: "access_token" },
    });
    expect(revoke.status).toBe(200);
    const reply = await whoami(session.access_token);
    expect(reply.status).toBe(401);
    expect(codeOf(reply)).toBe("token_revoked");
  });

  it("publishes the session signing keys at /.well-known/jwks.json", async () => {
    const reply = await c.request<Schemas["Jwks"]>("GET", "/.well-known/jwks.json");
    expect(reply.status).toBe(200);
    expect(reply.body.keys.length).toBeGreaterThan(0);
    expect(reply.body.keys[0]).not.toHaveProperty("d");
  });
}
