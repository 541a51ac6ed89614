// The life of a key: created (secret shown once), used, rotated, revoked, expired.
import { expect, it } from "vitest";
import type { ScenarioClient, Schemas } from "./scenarioClient.js";

type KeyWithSecret = Schemas["KeyWithSecret"];

export function keyScenarios(c: ScenarioClient): void {
  const createUserKey = async (auth: string, body: Schemas["CreateKeyRequest"]) => {
    const reply = await c.request<KeyWithSecret>("POST", "/v1/me/api-keys", { auth, body });
    expect(reply.status).toBe(201);
    return reply.body;
  };
  const whoami = (auth: string) => c.request<Schemas["Whoami"]>("GET", "/v1/auth/whoami", { auth });

  it("rejects a revoked key on the very next request", async () => {
    const ws = await c.workspace();
    const owner = ws.owner.user_key.secret;
    const key = await createUserKey(owner, { name: "ci" });
    expect((await whoami(key.secret)).status).toBe(200);
    const revoked = await c.request<Schemas["Key"]>("DELETE", `/v1/me/api-keys/${key.id}`, {
      auth: owner,
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revoked_at).not.toBeNull();
    const reply = await whoami(key.secret);
    expect(reply.status).toBe(401);
    expect((reply.body as unknown as Schemas["Problem"]).code).toBe("token_revoked");
  });

  it("rotating a key retires the old secret at once and the new one works", async () => {
    const ws = await c.workspace();
    const owner = ws.owner.user_key.secret;
    const key = await createUserKey(owner, { name: "ci" });
    const rotated = await c.request<KeyWithSecret>("POST", `/v1/me/api-keys/${key.id}/rotate`, {
      auth: owner,
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(key.secret);
    expect(rotated.body.previous_secret_expires_at).toBeNull();
    expect((await whoami(key.secret)).status).toBe(401);
    expect((await whoami(rotated.body.secret)).status).toBe(200);
  });

  it("a rotation with a grace period keeps both secrets working until it ends", async () => {
    const ws = await c.workspace();
    const owner = ws.owner.user_key.secret;
    const key = await createUserKey(owner, { name: "ci" });
    const rotated = await c.request<KeyWithSecret>("POST", `/v1/me/api-keys/${key.id}/rotate`, {
      auth: owner,
      body: { grace_period: "10m" },
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.previous_secret_expires_at).not.toBeNull();
    expect((await whoami(key.secret)).status).toBe(200);
    expect((await whoami(rotated.body.secret)).status).toBe(200);
    await c.advanceClock("11m");
    expect((await whoami(key.secret)).status).toBe(401);
    expect((await whoami(rotated.body.secret)).status).toBe(200);
  });

  it("refuses to rotate a revoked key with 409 conflict", async () => {
    const ws = await c.workspace();
    const owner = ws.owner.user_key.secret;
    const key = await createUserKey(owner, { name: "ci" });
    await c.request("DELETE", `/v1/me/api-keys/${key.id}`, { auth: owner });
    const reply = await c.request("POST", `/v1/me/api-keys/${key.id}/rotate`, { auth: owner });
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe("conflict");
  });

  it("a key created with expires_in 90d fails with token_expired after 91 days", async () => {
    const ws = await c.workspace();
    const key = await createUserKey(ws.owner.user_key.secret, { name: "ci", expires_in: "90d" });
    expect((await whoami(key.secret)).status).toBe(200);
    await c.advanceClock("91d");
    const reply = await c.request("GET", "/v1/auth/whoami", { auth: key.secret });
    expect(reply.status).toBe(401);
    expect(reply.body.code).toBe("token_expired");
  });

  it("updates last_used_at when a key is used", async () => {
    const ws = await c.workspace();
    const owner = ws.owner.user_key.secret;
    const key = await createUserKey(owner, { name: "ci" });
    expect(key.last_used_at).toBeNull();
    await whoami(key.secret);
    const after = await c.request<Schemas["Key"]>("GET", `/v1/me/api-keys/${key.id}`, {
      auth: owner,
    });
    expect(after.body.last_used_at).not.toBeNull();
  });

  it("shows a secret once: get and list show start, never the secret", async () => {
    const ws = await c.workspace();
    const owner = ws.owner.user_key.secret;
    const key = await createUserKey(owner, { name: "ci" });
    expect(key.secret.startsWith(key.start)).toBe(true);
    const got = await c.request<Schemas["Key"]>("GET", `/v1/me/api-keys/${key.id}`, {
      auth: owner,
    });
    const list = await c.request<Schemas["KeyList"]>("GET", "/v1/me/api-keys", { auth: owner });
    expect(got.body).not.toHaveProperty("secret");
    expect(got.text).not.toContain(key.secret);
    expect(list.text).not.toContain(key.secret);
    expect(list.body.data.find((k) => k.id === key.id)?.start).toBe(key.start);
  });

  it("pages a key list with next_cursor until it is null", async () => {
    const ws = await c.workspace();
    const owner = ws.owner.user_key.secret;
    for (const name of ["a", "b"]) await createUserKey(owner, { name });
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const query: string =
        cursor === null ? "?limit=2" : `?limit=2&cursor=${encodeURIComponent(cursor)}`;
      const reply = await c.request<Schemas["KeyList"]>("GET", `/v1/me/api-keys${query}`, {
        auth: owner,
      });
      expect(reply.status).toBe(200);
      seen.push(...reply.body.data.map((k) => k.id));
      cursor = reply.body.next_cursor;
      if (cursor === null) break;
    }
    expect(cursor).toBeNull();
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
  });

  it("refuses a key wider than its creator with 403 scope_escalation naming the extra scope", async () => {
    const ws = await c.workspace();
    const member = await c.user(ws.workspace.id, { role: "member" });
    const reply = await c.request("POST", "/v1/me/api-keys", {
      auth: member.user_key.secret,
      body: { name: "wide", scopes: ["agents:read", "workspace:admin"] },
    });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe("scope_escalation");
    expect(reply.body.detail).toContain("workspace:admin");
  });

  it("a member cannot create workspace keys (403 insufficient_scope)", async () => {
    const ws = await c.workspace();
    const member = await c.user(ws.workspace.id, { role: "member" });
    const reply = await c.request("POST", `/v1/w/${ws.workspace.id}/keys`, {
      auth: member.user_key.secret,
      body: { name: "ci" },
    });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe("insufficient_scope");
    expect(reply.body.required_scopes).toContain("workspace:admin");
  });

  it("refuses scopes on a team key with 400 validation_failed at /body/scopes", async () => {
    const ws = await c.workspace();
    const reply = await c.request("POST", `/v1/teams/${ws.team.id}/keys`, {
      auth: ws.owner.user_key.secret,
      body: { name: "intake", scopes: ["agents:read"] },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe("validation_failed");
    expect(reply.body.errors?.map((e) => e.pointer)).toContain("/body/scopes");
  });

  it("revokes a key through /v1/auth/revoke, and answers 200 for an unknown token too", async () => {
    const ws = await c.workspace();
    const key = await createUserKey(ws.owner.user_key.secret, { name: "ci" });
    const revoke = (token: string) => c.request("POST", "/v1/auth/revoke", { body: { token } });
    expect((await revoke(key.secret)).status).toBe(200);
    expect((await whoami(key.secret)).status).toBe(401);
    expect((await revoke("not-a-token")).status).toBe(200);
  });
}
