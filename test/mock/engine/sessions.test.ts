import { createServer, type Server } from "node:http";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createEngine, type Engine } from "../../../mock/engine/createEngine.js";
import type { SandboxSessions } from "../../../mock/engine/createSessionService.js";
import { bearer, call, setup } from "./engineHarness.js";

async function login(engine: Engine, email: string, password: string) {
  const answer = await call(engine, "/v1/auth/authenticate", {
    method: "POST",
    json: { email, password },
  });
  expect(answer.status).toBe(200);
  return answer.body as { access_token: string; refresh_token: string };
}

describe("sessions", () => {
  it("accepts a session access token and serves later uses from the claims cache", async () => {
    const { engine, ws } = await setup();
    const session = await login(engine, ws.owner.user.email, ws.owner.password);
    engine.context.sessions.clearCache();
    const verify = vi.spyOn(engine.context.sessions as SandboxSessions, "verify");
    for (let i = 0; i < 3; i++) {
      const answer = await call(engine, "/v1/agents", { headers: bearer(session.access_token) });
      expect(answer.status).toBe(200);
    }
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it("expires a session token on the sandbox clock even when its claims are cached", async () => {
    const { engine, ws } = await setup();
    const session = await login(engine, ws.owner.user.email, ws.owner.password);
    expect(
      (await call(engine, "/v1/agents", { headers: bearer(session.access_token) })).status,
    ).toBe(200);
    await call(engine, "/_sandbox/clock", { method: "POST", json: { advance: "16m" } });
    const answer = await call(engine, "/v1/agents", { headers: bearer(session.access_token) });
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe("token_expired");
  });

  it("refuses every access token of a family revoked by refresh-token reuse", async () => {
    const { engine, ws } = await setup();
    const first = await login(engine, ws.owner.user.email, ws.owner.password);
    const refresh = () =>
      call(engine, "/v1/auth/refresh", {
        method: "POST",
        json: { refresh_token: first.refresh_token },
      });
    const second = await refresh();
    expect(second.status).toBe(200);
    expect((await refresh()).body.code).toBe("refresh_token_reused");
    for (const token of [first.access_token, second.body.access_token]) {
      const answer = await call(engine, "/v1/agents", { headers: bearer(token) });
      expect(answer.status).toBe(401);
      expect(answer.body.code).toBe("token_revoked");
    }
  });

  it("refuses a JWT that claims our issuer but is signed by another key as token_malformed", async () => {
    const { engine, ws } = await setup();
    const { privateKey } = await generateKeyPair("ES256");
    const forged = await new SignJWT({
      ws: ws.workspace.id,
      scope: "agents:read",
      mode: "test",
      fam: "fam_x",
    })
      .setProtectedHeader({ alg: "ES256" })
      .setIssuer("latchkey-sandbox")
      .setSubject(ws.owner.user.id)
      .setJti("ses_forged")
      .setExpirationTime("10m")
      .sign(privateKey);
    const answer = await call(engine, "/v1/agents", { headers: bearer(forged) });
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe("token_malformed");
  });

  it("publishes the session signing key at /.well-known/jwks.json", async () => {
    const { engine } = await setup();
    const answer = await call(engine, "/.well-known/jwks.json");
    expect(answer.status).toBe(200);
    expect(answer.body.keys).toEqual([
      expect.objectContaining({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig" }),
    ]);
    expect(answer.body.keys[0]).not.toHaveProperty("d");
  });
});

describe("trusted issuers", () => {
  const issuer = "https://idp.example.test";
  let privateKey: CryptoKey;
  let publicJwk: JWK;
  let server: Server;
  let jwksUrl: string;

  beforeAll(async () => {
    const pair = await generateKeyPair("ES256");
    privateKey = pair.privateKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid: "idp-1", alg: "ES256" };
    server = createServer((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ keys: [publicJwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (address === null || typeof address === "string") throw new Error("no port");
    jwksUrl = `http://127.0.0.1:${address.port}/jwks.json`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const sign = (claims: Record<string, unknown>, iss = issuer, expires: string | null = "10m") => {
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: "ES256", kid: "idp-1" })
      .setIssuer(iss)
      .setIssuedAt();
    return (expires === null ? jwt : jwt.setExpirationTime(expires)).sign(privateKey);
  };

  /** Links the outside subject to a user through the sandbox control, as a test would. */
  async function link(engine: Engine, subject: string, userId: string, iss = issuer) {
    return call(engine, "/_sandbox/identities", {
      method: "POST",
      json: { issuer: iss, subject, user_id: userId },
    });
  }

  it("accepts an outside issuer's JWT verified with an inline JWKS, as the user its (iss, sub) is linked to", async () => {
    const { engine, ws } = await setup({
      trustedIssuers: [{ issuer, jwks: { keys: [publicJwk as JsonWebKey] } }],
    });
    expect((await link(engine, "idp|alice", ws.owner.user.id)).status).toBe(201);
    const token = await sign({ sub: "idp|alice" });
    const answer = await call(engine, "/v1/auth/whoami", { headers: bearer(token) });
    expect(answer.status).toBe(200);
    expect(answer.body.principal.kind).toBe("session");
    expect(answer.body.user_id).toBe(ws.owner.user.id);
    expect(answer.body.scopes).toContain("workspace:admin");
  });

  it("accepts an outside issuer's JWT verified with a JWKS fetched from its URL", async () => {
    const { engine, ws } = await setup({ trustedIssuers: [{ issuer, jwksUrl }] });
    await link(engine, "user_from_idp", ws.owner.user.id);
    const token = await sign({ sub: "user_from_idp" });
    const answer = await call(engine, "/v1/agents", { headers: bearer(token) });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toHaveLength(2);
  });

  it("never signs in by email: an unlinked token whose email matches a user is token_unknown", async () => {
    const { engine, ws } = await setup({ trustedIssuers: [{ issuer, jwksUrl }] });
    for (const email of [ws.owner.user.email, ws.owner.user.email.toUpperCase()]) {
      for (const email_verified of [false, true]) {
        const token = await sign({ sub: "anyone", email, email_verified });
        const answer = await call(engine, "/v1/agents", { headers: bearer(token) });
        expect(answer.status).toBe(401);
        expect(answer.body.code).toBe("token_unknown");
      }
    }
  });

  it("never signs in by a sub that equals a user id: only a link maps a subject", async () => {
    const { engine, ws } = await setup({ trustedIssuers: [{ issuer, jwksUrl }] });
    const token = await sign({ sub: ws.owner.user.id });
    const answer = await call(engine, "/v1/agents", { headers: bearer(token) });
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe("token_unknown");
  });

  it("keeps a link to one issuer from mapping the same sub of another trusted issuer", async () => {
    const other = "https://other-idp.example.test";
    const { engine, ws } = await setup({
      trustedIssuers: [
        { issuer, jwksUrl },
        { issuer: other, jwksUrl },
      ],
    });
    await link(engine, "shared-sub", ws.owner.user.id, issuer);
    const answer = await call(engine, "/v1/agents", {
      headers: bearer(await sign({ sub: "shared-sub" }, other)),
    });
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe("token_unknown");
  });

  it("refuses an outside token without exp", async () => {
    const { engine, ws } = await setup({ trustedIssuers: [{ issuer, jwksUrl }] });
    await link(engine, "no-exp", ws.owner.user.id);
    const token = await sign({ sub: "no-exp" }, issuer, null);
    const answer = await call(engine, "/v1/agents", { headers: bearer(token) });
    expect(answer.status).toBe(401);
    expect(answer.body.detail).toMatch(/no exp claim/);
  });

  it("enforces aud when an audience is configured", async () => {
    const { engine, ws } = await setup({
      trustedIssuers: [{ issuer, jwksUrl, audience: "latchkey-tests" }],
    });
    await link(engine, "aud-user", ws.owner.user.id);
    const wrong = await call(engine, "/v1/agents", {
      headers: bearer(await sign({ sub: "aud-user", aud: "another-app" })),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.detail).toMatch(/another audience/);
    const none = await call(engine, "/v1/agents", {
      headers: bearer(await sign({ sub: "aud-user" })),
    });
    expect(none.status).toBe(401);
    const right = await call(engine, "/v1/agents", {
      headers: bearer(await sign({ sub: "aud-user", aud: "latchkey-tests" })),
    });
    expect(right.status).toBe(200);
  });

  it("honours nbf: a token is refused before it and accepted after, on the sandbox clock", async () => {
    const { engine, ws } = await setup({ trustedIssuers: [{ issuer, jwksUrl }] });
    await link(engine, "nbf-user", ws.owner.user.id);
    const notBefore = Math.floor(Date.now() / 1000) + 300;
    const token = await sign({ sub: "nbf-user", nbf: notBefore }, issuer, "1h");
    const early = await call(engine, "/v1/agents", { headers: bearer(token) });
    expect(early.status).toBe(401);
    expect(early.body.detail).toMatch(/not valid yet/);
    await call(engine, "/_sandbox/clock", { method: "POST", json: { advance: "6m" } });
    expect((await call(engine, "/v1/agents", { headers: bearer(token) })).status).toBe(200);
    // Its verified claims are cached now; moving the clock back before nbf still refuses it.
    await call(engine, "/_sandbox/clock", {
      method: "POST",
      json: { set: new Date().toISOString() },
    });
    const again = await call(engine, "/v1/agents", { headers: bearer(token) });
    expect(again.status).toBe(401);
    expect(again.body.detail).toMatch(/not valid before/);
  });

  it("makes /v1/auth/revoke of an outside JWT effective until its exp", async () => {
    const { engine, ws } = await setup({ trustedIssuers: [{ issuer, jwksUrl }] });
    await link(engine, "revoked-user", ws.owner.user.id);
    const token = await sign({ sub: "revoked-user" });
    expect((await call(engine, "/v1/agents", { headers: bearer(token) })).status).toBe(200);
    const revoked = await call(engine, "/v1/auth/revoke", { method: "POST", json: { token } });
    expect(revoked.body).toEqual({ revoked: true });
    const after = await call(engine, "/v1/agents", { headers: bearer(token) });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe("token_revoked");
    const [entry] = [...engine.context.store.revokedJtis.values()];
    expect(entry?.expiresAt).toBeGreaterThan(Date.now());
  });

  it("refuses to link a subject of an issuer that is not trusted, naming the field", async () => {
    const { engine, ws } = await setup({ trustedIssuers: [{ issuer, jwksUrl }] });
    const answer = await link(engine, "x", ws.owner.user.id, "https://elsewhere.example.test");
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].pointer).toBe("/body/issuer");
  });

  it("refuses a JWT from an issuer that is not trusted with token_malformed", async () => {
    const { engine, ws } = await setup({ trustedIssuers: [{ issuer, jwksUrl }] });
    const token = await sign({ sub: ws.owner.user.id }, "https://elsewhere.example.test");
    const answer = await call(engine, "/v1/agents", { headers: bearer(token) });
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe("token_malformed");
  });

  it("refuses an outside token in live mode with live_key_in_sandbox", async () => {
    const { engine, ws } = await setup({ trustedIssuers: [{ issuer, jwksUrl }] });
    await link(engine, "live-user", ws.owner.user.id);
    const token = await sign({ sub: "live-user", mode: "live" });
    const answer = await call(engine, "/v1/agents", { headers: bearer(token) });
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe("live_key_in_sandbox");
  });

  it("keeps links across a restart from the saved state", async () => {
    const { engine, ws } = await setup({ trustedIssuers: [{ issuer, jwksUrl }] });
    await link(engine, "kept", ws.owner.user.id);
    const restarted = createEngine({
      trustedIssuers: [{ issuer, jwksUrl }],
      state: JSON.parse(JSON.stringify(engine.snapshot())),
    });
    const answer = await call(restarted, "/v1/agents", {
      headers: bearer(await sign({ sub: "kept" })),
    });
    expect(answer.status).toBe(200);
  });
});
