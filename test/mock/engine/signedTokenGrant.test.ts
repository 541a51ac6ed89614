// Download and stream tokens end with their grant: revoking one at /v1/auth/revoke ends it, and
// so does revoking the credential that minted it; none outlives that credential.
import { describe, expect, it } from "vitest";
import { bearer, call, setup } from "./engineHarness.js";

type Setup = Awaited<ReturnType<typeof setup>>;

async function mintDownload(s: Setup, credential: string, json: unknown = {}) {
  const minted = await call(s.engine, `/v1/downloads/${s.agentId(0)}/hello.txt/token`, {
    method: "POST",
    headers: bearer(credential),
    json,
  });
  expect(minted.status).toBe(201);
  return minted.body as { token: string; url: string; expires_at: string };
}

const revoke = (s: Setup, token: string, auth: string) =>
  call(s.engine, "/v1/auth/revoke", { method: "POST", headers: bearer(auth), json: { token } });

async function newUserKey(s: Setup) {
  const made = await call(s.engine, "/v1/me/api-keys", {
    method: "POST",
    headers: bearer(s.ownerKey),
    json: { name: "minter" },
  });
  return made.body as { id: string; secret: string };
}

describe("signed tokens end with their grant", () => {
  it("revoking a download token at /v1/auth/revoke ends it", async () => {
    const s = await setup();
    const { url, token } = await mintDownload(s, s.ownerKey);
    expect((await call(s.engine, url)).status).toBe(200);
    expect((await revoke(s, token, s.ownerKey)).body).toEqual({ revoked: true });
    const after = await call(s.engine, url);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe("token_revoked");
  });

  it("revoking a stream token at /v1/auth/revoke ends it", async () => {
    const s = await setup();
    const job = await call(s.engine, "/v1/generate", {
      method: "POST",
      headers: { ...bearer(s.ownerKey), "x-agent-id": s.agentId(0) },
      json: { prompt: "p" },
    });
    expect(job.status).toBe(201);
    const minted = await call(s.engine, `/v1/generate/${job.body.id}/stream-token`, {
      method: "POST",
      headers: bearer(s.ownerKey),
      json: {},
    });
    expect(minted.status).toBe(201);
    await revoke(s, minted.body.token, s.ownerKey);
    const after = await call(s.engine, minted.body.url);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe("token_revoked");
  });

  it("a download token minted with a key ends when that key is revoked", async () => {
    const s = await setup();
    const key = await newUserKey(s);
    const { url } = await mintDownload(s, key.secret);
    expect((await call(s.engine, url)).status).toBe(200);
    await call(s.engine, `/v1/me/api-keys/${key.id}`, {
      method: "DELETE",
      headers: bearer(s.ownerKey),
    });
    const after = await call(s.engine, url);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe("token_revoked");
    expect(after.body.detail).toContain("minted");
  });

  it("a download token minted in a session ends when that session is revoked", async () => {
    const s = await setup();
    const login = await call(s.engine, "/v1/auth/authenticate", {
      method: "POST",
      json: { email: s.ws.owner.user.email, password: s.ws.owner.password },
    });
    const { url } = await mintDownload(s, login.body.access_token);
    expect((await call(s.engine, url)).status).toBe(200);
    // Revoking by the refresh token ends the whole family, its access tokens and their links.
    await revoke(s, login.body.refresh_token, s.ownerKey);
    expect((await call(s.engine, url)).body.code).toBe("token_revoked");
  });

  it("a signed token never outlives the session that minted it", async () => {
    const s = await setup({ sessionTtl: "10m" });
    const login = await call(s.engine, "/v1/auth/authenticate", {
      method: "POST",
      json: { email: s.ws.owner.user.email, password: s.ws.owner.password },
    });
    const minted = await mintDownload(s, login.body.access_token, { expires_in: "1h" });
    expect(Date.parse(minted.expires_at)).toBeLessThanOrEqual(Date.parse(login.body.expires_at));
  });
});
