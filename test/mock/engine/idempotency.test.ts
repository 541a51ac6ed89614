import { describe, expect, it } from "vitest";
import { createIdempotencyStore } from "../../../mock/engine/createIdempotencyStore.js";
import { createDefaultHmac } from "../../../mock/engine/defaultHmac.js";
import { bearer, call, setup } from "./engineHarness.js";

type Engine = Awaited<ReturnType<typeof setup>>["engine"];

/** A POST carrying an Idempotency-Key, as a retrying client sends it. */
const post = (engine: Engine, path: string, key: string, token: string, json: unknown) =>
  call(engine, path, {
    method: "POST",
    headers: { ...bearer(token), "idempotency-key": key },
    json,
  });

describe("Idempotency-Key", () => {
  it("replays a repeated create instead of creating twice", async () => {
    const { engine, ws } = await setup();
    const owner = ws.owner.user_key.secret;
    const json = { name: "Retried", slug: "retried" };
    const first = await post(engine, "/v1/agents", "k1", owner, json);
    const again = await post(engine, "/v1/agents", "k1", owner, json);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const list = await call(engine, "/v1/agents", { headers: bearer(owner) });
    expect(list.body.data.filter((a: { slug: string }) => a.slug === "retried")).toHaveLength(1);
  });

  it("gives a retried key creation the same working secret, once per key", async () => {
    const { engine, ws } = await setup();
    const owner = ws.owner.user_key.secret;
    const json = { name: "ci", scopes: ["agents:read"] };
    const first = await post(engine, "/v1/me/api-keys", "k2", owner, json);
    const again = await post(engine, "/v1/me/api-keys", "k2", owner, json);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.secret).toBe(first.body.secret);
    const keys = await call(engine, "/v1/me/api-keys", { headers: bearer(owner) });
    expect(keys.body.data.filter((k: { name: string }) => k.name === "ci")).toHaveLength(1);
    expect((await call(engine, "/v1/agents", { headers: bearer(again.body.secret) })).status).toBe(
      200,
    );
  });

  it("refuses a key reused with a different body", async () => {
    const { engine, ws } = await setup();
    const owner = ws.owner.user_key.secret;
    await post(engine, "/v1/agents", "k3", owner, { name: "A", slug: "slug-a" });
    const other = await post(engine, "/v1/agents", "k3", owner, { name: "B", slug: "slug-b" });
    expect(other.status).toBe(400);
    expect(other.body.code).toBe("invalid_request");
  });

  it("does not replay a failure: the request runs again", async () => {
    const { engine, ws } = await setup();
    const owner = ws.owner.user_key.secret;
    const json = { name: "Taken", slug: "agent-one" };
    const first = await post(engine, "/v1/agents", "k4", owner, json);
    const again = await post(engine, "/v1/agents", "k4", owner, json);
    expect(first.status).toBe(409);
    expect(again.status).toBe(409);
    expect(again.headers.get("idempotent-replayed")).toBeNull();
  });

  it("keeps callers apart: the same key from another credential is a new request", async () => {
    const { engine, ws } = await setup();
    const owner = ws.owner.user_key.secret;
    const login = await call(engine, "/v1/auth/authenticate", {
      method: "POST",
      json: { email: ws.owner.user.email, password: ws.owner.password },
    });
    const json = { name: "ci" };
    const byKey = await post(engine, "/v1/me/api-keys", "k5", owner, json);
    const bySession = await post(engine, "/v1/me/api-keys", "k5", login.body.access_token, json);
    expect(bySession.status).toBe(201);
    expect(bySession.body.id).not.toBe(byKey.body.id);
  });
});

describe("the Idempotency-Key replay store", () => {
  it("keeps a replayed secret only sealed under the client's key, never readable", async () => {
    const clock = { now: () => 0, offsetMs: 0, advance() {}, set() {}, reset() {} };
    const store = createIdempotencyStore(createDefaultHmac(), new Uint8Array(32).fill(7), clock);
    const secret = "lk_usr_test_ABCDEFGHIJKLMNOPQRSTUVWX12345678";
    const run = store.begin("user_key:key_1\ncreateUserKey\n/v1/me/api-keys", "retry-1", null);
    run.settle({ status: 201, headers: {}, body: JSON.stringify({ secret }) });
    const [stored] = store.storedBytes();
    expect(stored?.length).toBeGreaterThan(secret.length);
    expect(new TextDecoder().decode(stored)).not.toContain("lk_usr_test_");
    const replay = store.begin("user_key:key_1\ncreateUserKey\n/v1/me/api-keys", "retry-1", null);
    expect(JSON.parse(String(replay.replay?.body))).toEqual({ secret });
  });
});
