import { describe, expect, it } from "vitest";
import { BASE, bearer, call, mutate, setup } from "./engineHarness.js";

describe("authentication", () => {
  it("answers a request without credentials with 401 credentials_missing and a bare Bearer challenge", async () => {
    const { engine } = await setup();
    const answer = await call(engine, "/v1/agents");
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe("credentials_missing");
    expect(answer.headers.get("www-authenticate")).toBe('Bearer realm="latchkey"');
  });

  it("refuses a key with one changed character as token_malformed before any store lookup", async () => {
    const { engine, ownerKey } = await setup();
    const body = ownerKey.length - 10;
    const changed = mutate(ownerKey, body, ownerKey[body] === "A" ? "B" : "A");
    const before = engine.context.store.lookups;
    const answer = await call(engine, "/v1/agents", { headers: bearer(changed) });
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe("token_malformed");
    expect(answer.headers.get("www-authenticate")).toMatch(
      /^Bearer realm="latchkey", error="invalid_token", error_description=".+"$/,
    );
    expect(engine.context.store.lookups).toBe(before);
  });

  it("still refuses a forged tag before any lookup after the genuine key was accepted", async () => {
    const { engine, ownerKey } = await setup();
    expect((await call(engine, "/v1/agents", { headers: bearer(ownerKey) })).status).toBe(200);
    const last = ownerKey.length - 1;
    const forged = mutate(ownerKey, last, ownerKey[last] === "A" ? "B" : "A");
    const before = engine.context.store.lookups;
    const answer = await call(engine, "/v1/agents", { headers: bearer(forged) });
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe("token_malformed");
    expect(engine.context.store.lookups).toBe(before);
  });

  it("answers token_unknown for a well-formed key that was never stored", async () => {
    const { engine } = await setup();
    const { secret } = engine.context.crypto.mintKey("user_key");
    const before = engine.context.store.lookups;
    const answer = await call(engine, "/v1/agents", { headers: bearer(secret) });
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe("token_unknown");
    expect(engine.context.store.lookups).toBe(before + 1);
  });

  it("rejects a revoked key on the very next request", async () => {
    const { engine, ownerKey } = await setup();
    const created = await call(engine, "/v1/me/api-keys", {
      method: "POST",
      headers: bearer(ownerKey),
      json: { name: "ci" },
    });
    expect(created.status).toBe(201);
    const key = created.body.secret as string;
    expect((await call(engine, "/v1/agents", { headers: bearer(key) })).status).toBe(200);
    const revoked = await call(engine, `/v1/me/api-keys/${created.body.id}`, {
      method: "DELETE",
      headers: bearer(ownerKey),
    });
    expect(revoked.status).toBe(200);
    const answer = await call(engine, "/v1/agents", { headers: bearer(key) });
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe("token_revoked");
    expect(answer.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("expires a key created with expires_in 90d once the sandbox clock moves 91 days", async () => {
    const { engine, ownerKey } = await setup();
    const created = await call(engine, "/v1/me/api-keys", {
      method: "POST",
      headers: bearer(ownerKey),
      json: { name: "quarterly", expires_in: "90d" },
    });
    const key = created.body.secret as string;
    await call(engine, "/_sandbox/clock", { method: "POST", json: { advance: "89d" } });
    expect((await call(engine, "/v1/agents", { headers: bearer(key) })).status).toBe(200);
    await call(engine, "/_sandbox/clock", { method: "POST", json: { advance: "2d" } });
    const answer = await call(engine, "/v1/agents", { headers: bearer(key) });
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe("token_expired");
  });

  it("refuses a well-formed live key with live_key_in_sandbox before any lookup", async () => {
    const { engine, ownerKey } = await setup();
    const live = ownerKey.replace("_test_", "_live_");
    const before = engine.context.store.lookups;
    const answer = await call(engine, "/v1/agents", { headers: bearer(live) });
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe("live_key_in_sandbox");
    expect(answer.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect(engine.context.store.lookups).toBe(before);
  });

  it("accepts a key in X-API-Key and in Api-Key", async () => {
    const { engine, ownerKey } = await setup();
    expect((await call(engine, "/v1/agents", { headers: { "x-api-key": ownerKey } })).status).toBe(
      200,
    );
    expect((await call(engine, "/v1/agents", { headers: { "api-key": ownerKey } })).status).toBe(
      200,
    );
  });

  it("refuses two different credentials with 400 invalid_request", async () => {
    const { engine, ownerKey, agentKey } = await setup();
    const answer = await call(engine, "/v1/agents", {
      headers: { ...bearer(ownerKey), "x-api-key": agentKey(0) },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe("invalid_request");
    expect(answer.headers.get("www-authenticate")).toMatch(
      /^Bearer realm="latchkey", error="invalid_request", error_description=".+"$/,
    );
  });

  it("counts the same credential sent in two headers as one", async () => {
    const { engine, ownerKey } = await setup();
    const answer = await call(engine, "/v1/agents", {
      headers: { ...bearer(ownerKey), "x-api-key": ownerKey, "api-key": ownerKey },
    });
    expect(answer.status).toBe(200);
  });

  it("refuses an API key in the query string with 400 invalid_request", async () => {
    const { engine, ownerKey, agentId } = await setup();
    for (const path of [
      `/v1/agents?api_key=${ownerKey}`,
      `/v1/agents?key=${ownerKey}`,
      `/v1/downloads/${agentId(0)}/hello.txt?token=${ownerKey}`,
    ]) {
      const answer = await call(engine, path, { headers: bearer(ownerKey) });
      expect(answer.status, path.split("?")[0]).toBe(400);
      expect(answer.body.code).toBe("invalid_request");
      expect(answer.body.detail).toContain("send keys in a header");
    }
  });

  it("refuses a Bearer Authorization header without exactly one token with 400 invalid_request", async () => {
    const { engine, ownerKey } = await setup();
    for (const authorization of ["Bearer", "Bearer  ", `Bearer ${ownerKey} x`]) {
      const answer = await call(engine, "/v1/agents", { headers: { authorization } });
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe("invalid_request");
      expect(answer.headers.get("www-authenticate")).toContain('error="invalid_request"');
    }
  });

  it("refuses a refresh token used as an access credential with credential_kind_not_allowed", async () => {
    const { engine, ws } = await setup();
    const session = await call(engine, "/v1/auth/authenticate", {
      method: "POST",
      json: { email: ws.owner.user.email, password: ws.owner.password },
    });
    const answer = await call(engine, "/v1/agents", {
      headers: bearer(session.body.refresh_token),
    });
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe("credential_kind_not_allowed");
  });

  it("records last_used_at when a key authenticates", async () => {
    const { engine, ownerKey, ws } = await setup();
    const keyId = ws.owner.user_key.id;
    expect(engine.context.store.keys.get(keyId)?.lastUsedAt).toBeNull();
    await call(engine, "/v1/agents", { headers: bearer(ownerKey) });
    expect(engine.context.store.keys.get(keyId)?.lastUsedAt).toBeTypeOf("number");
  });

  it("keeps a rotated key's old secret only for its grace period", async () => {
    const { engine, ownerKey, ws } = await setup();
    const rotated = await call(engine, `/v1/me/api-keys/${ws.owner.user_key.id}/rotate`, {
      method: "POST",
      headers: bearer(ownerKey),
      json: { grace_period: "10m" },
    });
    expect(rotated.status).toBe(200);
    expect((await call(engine, "/v1/agents", { headers: bearer(ownerKey) })).status).toBe(200);
    await call(engine, "/_sandbox/clock", { method: "POST", json: { advance: "11m" } });
    const old = await call(engine, "/v1/agents", { headers: bearer(ownerKey) });
    expect(old.status).toBe(401);
    expect(old.body.code).toBe("token_revoked");
    const fresh = await call(engine, "/v1/agents", { headers: bearer(rotated.body.secret) });
    expect(fresh.status).toBe(200);
  });

  it("refuses a malformed session token as token_malformed without a lookup", async () => {
    const { engine } = await setup();
    const before = engine.context.store.lookups;
    const response = await engine.fetch(
      new Request(`${BASE}/v1/agents`, { headers: bearer("eyJhbGciOiJFUzI1NiJ9.e30") }),
    );
    expect(response.status).toBe(401);
    expect(((await response.json()) as { code: string }).code).toBe("token_malformed");
    expect(engine.context.store.lookups).toBe(before);
  });
});
