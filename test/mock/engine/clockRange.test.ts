// Every instant and duration is checked for range before use, so no request can make the clock
// NaN, store an expiry Date cannot hold, or leave a state that no longer loads.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createEngine } from "../../../mock/engine/createEngine.js";
import { parseDuration } from "../../../mock/engine/parseDuration.js";
import { snapshotProblem } from "../../../mock/engine/snapshotProblem.js";
import type { Snapshot } from "../../../mock/engine/types.js";
import { loadState, StateFileError } from "../../../mock/stateFile.js";
import { bearer, call, newWorkspace, setup } from "./engineHarness.js";

type Engine = Awaited<ReturnType<typeof setup>>["engine"];

const dir = mkdtempSync(join(tmpdir(), "latchkey-clock-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const setClock = (engine: Engine, json: unknown) =>
  call(engine, "/_sandbox/clock", { method: "POST", json });

const login = (engine: Engine, ws: Awaited<ReturnType<typeof setup>>["ws"]) =>
  call(engine, "/v1/auth/authenticate", {
    method: "POST",
    json: { email: ws.owner.user.email, password: ws.owner.password },
  });

describe("clock and duration ranges", () => {
  it("refuses a leap-second clock with 400 validation_failed and keeps the clock a number", async () => {
    const { engine, ws } = await setup();
    const answer = await setClock(engine, { set: "2026-06-30T23:59:60Z" });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe("validation_failed");
    expect(answer.body.detail).toMatch(/leap second.*00 to 59/);
    expect(answer.body.errors[0].pointer).toBe("/body/set");
    expect(Number.isFinite(engine.context.clock.now())).toBe(true);
    expect((await login(engine, ws)).status).toBe(200);
  });

  it("refuses setting the clock outside 1970 to 9999 with 400 naming the range", async () => {
    const { engine } = await setup();
    const answer = await setClock(engine, { set: "0001-01-01T00:00:00Z" });
    expect(answer.status).toBe(400);
    expect(answer.body.detail).toContain("1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z");
  });

  it("refuses advancing the clock past 9999-12-31T23:59:59Z with 400 and leaves it where it was", async () => {
    const { engine } = await setup();
    expect((await setClock(engine, { set: "9000-01-01T00:00:00Z" })).status).toBe(200);
    const before = engine.context.clock.now();
    const answer = await setClock(engine, { advance: "999999d" });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe("validation_failed");
    expect(answer.body.detail).toContain("9999-12-31T23:59:59Z");
    expect(answer.body.errors[0].pointer).toBe("/body/advance");
    expect(engine.context.clock.now() - before).toBeLessThan(60_000);
  });

  it("refuses expires_in past the latest instant with 400 and creates no key", async () => {
    const { engine, ownerKey } = await setup();
    await setClock(engine, { set: "9000-01-01T00:00:00Z" });
    const listed = async () =>
      (await call(engine, "/v1/me/api-keys", { headers: bearer(ownerKey) })).body.data.length;
    const before = await listed();
    const answer = await call(engine, "/v1/me/api-keys", {
      method: "POST",
      headers: bearer(ownerKey),
      json: { name: "forever", expires_in: "999999d" },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe("validation_failed");
    expect(answer.body.detail).toContain("9999-12-31T23:59:59Z");
    expect(answer.body.errors[0].pointer).toBe("/body/expires_in");
    const list = await call(engine, "/v1/me/api-keys", { headers: bearer(ownerKey) });
    expect(list.status).toBe(200);
    expect(await listed()).toBe(before);
  });

  it("refuses a rotation grace period past the latest instant with 400", async () => {
    const { engine, ownerKey } = await setup();
    const made = await call(engine, "/v1/me/api-keys", {
      method: "POST",
      headers: bearer(ownerKey),
      json: { name: "r" },
    });
    await setClock(engine, { set: "9999-01-01T00:00:00Z" });
    const answer = await call(engine, `/v1/me/api-keys/${made.body.id}/rotate`, {
      method: "POST",
      headers: bearer(ownerKey),
      json: { grace_period: "999d" },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].pointer).toBe("/body/grace_period");
  });

  it("refuses a sign-in whose session would end after the latest instant with 400 naming it", async () => {
    const { engine, ws } = await setup();
    await setClock(engine, { set: "9999-12-31T00:00:00Z" });
    const answer = await login(engine, ws);
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe("validation_failed");
    expect(answer.body.detail).toContain("9999-12-31T23:59:59Z");
  });

  it("refuses a duration in seconds longer than 999999d, the spec's longest", () => {
    expect(parseDuration(999_999 * 86_400)).toBe(999_999 * 86_400_000);
    expect(() => parseDuration(999_999 * 86_400 + 1)).toThrow(/not a duration/);
    expect(() => parseDuration(1e300)).toThrow(/not a duration/);
  });

  it("never hands onPersist a state that would not load", async () => {
    const problems: (string | null)[] = [];
    const engine = createEngine({
      strict: true,
      onPersist: (snapshot) => void problems.push(snapshotProblem(snapshot, Date.now())),
    });
    const ws = await newWorkspace(engine);
    const owner = ws.owner.user_key.secret;
    await setClock(engine, { set: "2026-06-30T23:59:60Z" });
    await setClock(engine, { set: "9999-06-01T00:00:00Z" });
    await setClock(engine, { advance: "999999d" });
    await call(engine, "/v1/me/api-keys", {
      method: "POST",
      headers: bearer(owner),
      json: { name: "x", expires_in: "999999d" },
    });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.filter((p) => p !== null)).toEqual([]);
  });
});

describe("an unusable state file", () => {
  const stateWith = (change: (state: Snapshot) => void): string => {
    const engine = createEngine();
    const state = JSON.parse(JSON.stringify(engine.snapshot())) as Snapshot;
    state.keys.push({
      id: "key_0000000000000000",
      kind: "user_key",
      name: "k",
      start: "lk_usr_test_abcd",
      digest: "00",
      scopes: [],
      workspaceId: "ws_0000000000000000",
      owner: { type: "user", id: "usr_0000000000000000" },
      userId: "usr_0000000000000000",
      createdAt: Date.UTC(2026, 0, 1),
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
      previous: null,
    });
    change(state);
    const file = join(dir, `state-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(state));
    return file;
  };

  it("is refused at start with a message naming the field", () => {
    const file = stateWith((state) => {
      (state.keys[0] as { expiresAt: unknown }).expiresAt = 1e20;
    });
    expect(() => loadState(file)).toThrow(StateFileError);
    expect(() => loadState(file)).toThrow(/keys\[0\]\.expiresAt is not an instant/);
  });

  it("is refused when its clock offset puts the clock past the range", () => {
    const file = stateWith((state) => {
      state.clockOffsetMs = 9e15;
    });
    expect(() => loadState(file)).toThrow(/clockOffsetMs/);
  });

  it("is refused by createEngine too, naming the field", () => {
    const engine = createEngine();
    const state = engine.snapshot();
    state.revokedJtis.push({ jti: "ses_x", expiresAt: Number.NaN });
    expect(() => createEngine({ state })).toThrow(/revokedJtis\[0\]\.expiresAt/);
  });
});
