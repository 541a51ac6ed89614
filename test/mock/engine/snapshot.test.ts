import { describe, expect, it } from "vitest";
import { createEngine } from "../../../mock/engine/createEngine.js";
import { bearer, call, newWorkspace, setup } from "./engineHarness.js";

describe("snapshot and restore", () => {
  it("keeps keys, sessions and the clock working in an engine started from a snapshot", async () => {
    const { engine, ws, ownerKey } = await setup();
    await call(engine, "/_sandbox/clock", { method: "POST", json: { advance: "1d" } });
    const session = await call(engine, "/v1/auth/authenticate", {
      method: "POST",
      json: { email: ws.owner.user.email, password: ws.owner.password },
    });
    const snapshot = engine.snapshot();
    expect(snapshot.serverSecrets.root).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(snapshot.serverSecrets.jwk).toBeTypeOf("string");
    const restored = createEngine({ strict: true, state: snapshot });
    expect(restored.context.clock.offsetMs).toBe(snapshot.clockOffsetMs);
    expect((await call(restored, "/v1/agents", { headers: bearer(ownerKey) })).status).toBe(200);
    // A token of the first engine, never seen by this one: verified with the restored key.
    const access = await call(restored, "/v1/agents", {
      headers: bearer(session.body.access_token),
    });
    expect(access.status).toBe(200);
  });

  it("issues the same ids and keys from the same seed", async () => {
    const first = await newWorkspace(createEngine({ seed: 42 }));
    const second = await newWorkspace(createEngine({ seed: 42 }));
    const other = await newWorkspace(createEngine({ seed: 43 }));
    expect(second.workspace.id).toBe(first.workspace.id);
    expect(second.owner.user_key.secret).toBe(first.owner.user_key.secret);
    expect(other.owner.user_key.secret).not.toBe(first.owner.user_key.secret);
  });

  it("forgets state, caches and rate limits on reset", async () => {
    const { engine, ownerKey } = await setup({ rateLimit: { limit: 1, window: "1h" } });
    expect((await call(engine, "/v1/agents", { headers: bearer(ownerKey) })).status).toBe(200);
    expect((await call(engine, "/v1/agents", { headers: bearer(ownerKey) })).status).toBe(429);
    engine.reset();
    const ws = await newWorkspace(engine);
    expect(engine.context.store.workspaces.size).toBe(1);
    const fresh = await call(engine, "/v1/agents", { headers: bearer(ws.owner.user_key.secret) });
    expect(fresh.status).toBe(200);
    const old = await call(engine, "/v1/agents", { headers: bearer(ownerKey) });
    expect(old.body.code).toBe("token_unknown");
  });
});
