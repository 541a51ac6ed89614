// Rotation keeps every grace it promised, and a secret that no longer works says why: rotated
// (and when) or revoked (and when), never "unknown".
import { describe, expect, it } from "vitest";
import { bearer, call, setup } from "./engineHarness.js";

type Setup = Awaited<ReturnType<typeof setup>>;

async function rotate({ engine, ownerKey }: Setup, keyId: string, json: unknown = {}) {
  const answer = await call(engine, `/v1/me/api-keys/${keyId}/rotate`, {
    method: "POST",
    headers: bearer(ownerKey),
    json,
  });
  expect(answer.status).toBe(200);
  return answer.body as { secret: string; previous_secret_expires_at: string | null };
}

async function newKey({ engine, ownerKey }: Setup) {
  const made = await call(engine, "/v1/me/api-keys", {
    method: "POST",
    headers: bearer(ownerKey),
    json: { name: "rotating" },
  });
  return made.body as { id: string; secret: string };
}

const whoami = (s: Setup, secret: string) =>
  call(s.engine, "/v1/auth/whoami", { headers: bearer(secret) });
const advance = (s: Setup, by: string) =>
  call(s.engine, "/_sandbox/clock", { method: "POST", json: { advance: by } });

describe("key rotation", () => {
  it("keeps the first rotation's promised grace when the key is rotated again", async () => {
    const s = await setup();
    const key = await newKey(s);
    const first = await rotate(s, key.id, { grace_period: "10m" });
    const second = await rotate(s, key.id);
    expect(second.previous_secret_expires_at).toBeNull();
    // The original secret was promised 10 minutes; the second rotation does not take them back.
    expect((await whoami(s, key.secret)).status).toBe(200);
    expect((await whoami(s, second.secret)).status).toBe(200);
    // The first rotation's secret was retired by the second, at once.
    expect((await whoami(s, first.secret)).body.code).toBe("token_revoked");
    await advance(s, "11m");
    expect((await whoami(s, key.secret)).body.code).toBe("token_revoked");
  });

  it("answers a secret retired by rotation with token_revoked saying when the key was rotated", async () => {
    const s = await setup();
    const key = await newKey(s);
    await rotate(s, key.id);
    const answer = await whoami(s, key.secret);
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe("token_revoked");
    expect(answer.body.detail).toMatch(/rotated at \d{4}-\d{2}-\d{2}T/);
    expect(answer.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("answers a secret whose grace ended with token_revoked saying when the grace ended", async () => {
    const s = await setup();
    const key = await newKey(s);
    await rotate(s, key.id, { grace_period: "10m" });
    await advance(s, "11m");
    const answer = await whoami(s, key.secret);
    expect(answer.body.code).toBe("token_revoked");
    expect(answer.body.detail).toMatch(/rotated at .*grace period ended at \d{4}-/);
  });

  it("answers the grace secret of a key later revoked with token_revoked saying when", async () => {
    const s = await setup();
    const key = await newKey(s);
    await rotate(s, key.id, { grace_period: "10m" });
    const revoked = await call(s.engine, `/v1/me/api-keys/${key.id}`, {
      method: "DELETE",
      headers: bearer(s.ownerKey),
    });
    expect(revoked.status).toBe(200);
    const answer = await whoami(s, key.secret);
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe("token_revoked");
    expect(answer.body.detail).toMatch(/revoked at \d{4}-\d{2}-\d{2}T/);
  });

  it("keeps retired secrets known across a restart from the saved state", async () => {
    const s = await setup();
    const key = await newKey(s);
    await rotate(s, key.id);
    const { createEngine } = await import("../../../mock/engine/createEngine.js");
    const restarted = createEngine({ state: JSON.parse(JSON.stringify(s.engine.snapshot())) });
    const answer = await call(restarted, "/v1/auth/whoami", { headers: bearer(key.secret) });
    expect(answer.body.code).toBe("token_revoked");
  });
});

describe("who may rotate a key", () => {
  /** A workspace key made by the owner with `scopes`. */
  async function workspaceKey({ engine, ownerKey, ws }: Setup, scopes: string[]) {
    const made = await call(engine, `/v1/w/${ws.workspace.id}/keys`, {
      method: "POST",
      headers: bearer(ownerKey),
      json: { name: scopes.join("+"), scopes },
    });
    expect(made.status).toBe(201);
    return made.body as { id: string; secret: string };
  }
  const rotateWith = (s: Setup, secret: string, keyId: string) =>
    call(s.engine, `/v1/w/${s.ws.workspace.id}/keys/${keyId}/rotate`, {
      method: "POST",
      headers: bearer(secret),
      json: {},
    });

  it("a credential cannot rotate a key with scopes it does not hold: 403 scope_escalation, and the key keeps its secret", async () => {
    const s = await setup();
    const narrow = await workspaceKey(s, ["keys:write", "workspace:admin"]);
    const wide = await workspaceKey(s, ["agents:write", "keys:write", "workspace:admin"]);
    const answer = await rotateWith(s, narrow.secret, wide.id);
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({
      code: "scope_escalation",
      detail: `Rotating ${wide.id} would hand this credential a secret with scopes it does not hold: agents:write.`,
    });
    expect(JSON.stringify(answer.body)).not.toContain("lk_");
    expect((await whoami(s, wide.secret)).status).toBe(200);
  });

  it("a credential holding every scope of the key may rotate it", async () => {
    const s = await setup();
    const holder = await workspaceKey(s, ["agents:read", "keys:write", "workspace:admin"]);
    const same = await workspaceKey(s, ["agents:read", "keys:write"]);
    const answer = await rotateWith(s, holder.secret, same.id);
    expect(answer.status).toBe(200);
    expect((await whoami(s, same.secret)).body.code).toBe("token_revoked");
  });
});
