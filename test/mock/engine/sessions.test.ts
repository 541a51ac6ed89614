import { createServer, type Server } from "node:http";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Engine } from "../../../mock/engine/createEngine.js";
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

  const sign = (claims: Record<string, unknown>, iss = issuer) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: "ES256", kid: "idp-1" })
      .setIssuer(iss)
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(privateKey);

  it("accepts an outside issuer's JWT verified with an inline JWKS, as the user it names", async () => {
    const { engine, ws } = await setup({
      trustedIssuers: [{ issuer, jwks: { keys: [publicJwk as JsonWebKey] } }],
    });
    const token = await sign({ sub: ws.owner.user.id });
    const answer = await call(engine, "/v1/auth/whoami", { headers: bearer(token) });
    expect(answer.status).toBe(200);
    expect(answer.body.principal.kind).toBe("session");
    expect(answer.body.user_id).toBe(ws.owner.user.id);
    expect(answer.body.scopes).toContain("workspace:admin");
  });

  it("accepts an outside issuer's JWT verified with a JWKS fetched from its URL, by email", async () => {
    const { engine, ws } = await setup({ trustedIssuers: [{ issuer, jwksUrl }] });
    const token = await sign({ sub: "user_from_idp", email: ws.owner.user.email });
    const answer = await call(engine, "/v1/agents", { headers: bearer(token) });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toHaveLength(2);
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
    const token = await sign({ sub: ws.owner.user.id, mode: "live" });
    const answer = await call(engine, "/v1/agents", { headers: bearer(token) });
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe("live_key_in_sandbox");
  });

  it("refuses an outside token whose subject is no sandbox user with token_unknown", async () => {
    const { engine } = await setup({ trustedIssuers: [{ issuer, jwksUrl }] });
    const token = await sign({ sub: "usr_nobodyNobody00", email: "nobody@example.test" });
    const answer = await call(engine, "/v1/agents", { headers: bearer(token) });
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe("token_unknown");
  });
});
