// Idempotency-Key replays belong to the principal (a session's user, or a key), and survive a
// restart from saved state, so a retry after a refresh or a crash cannot create twice.
import { describe, expect, it } from "vitest";
import { createEngine } from "../../../mock/engine/createEngine.js";
import type { Snapshot } from "../../../mock/engine/types.js";
import { bearer, call, newWorkspace, setup } from "./engineHarness.js";

type Engine = Awaited<ReturnType<typeof setup>>["engine"];

const create = (engine: Engine, token: string, key: string) =>
  call(engine, "/v1/agents", {
    method: "POST",
    headers: { ...bearer(token), "idempotency-key": key },
    json: { name: "Once", slug: "once" },
  });

describe("idempotency scope and durability", () => {
  it("replays a create retried with the same Idempotency-Key after a session refresh", async () => {
    const { engine, ws } = await setup();
    const login = await call(engine, "/v1/auth/authenticate", {
      method: "POST",
      json: { email: ws.owner.user.email, password: ws.owner.password },
    });
    const first = await create(engine, login.body.access_token, "after-refresh");
    expect(first.status).toBe(201);
    const refreshed = await call(engine, "/v1/auth/refresh", {
      method: "POST",
      json: { refresh_token: login.body.refresh_token },
    });
    const again = await create(engine, refreshed.body.access_token, "after-refresh");
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
  });

  it("replays a create retried after a restart from the saved state", async () => {
    let saved: Snapshot | undefined;
    const engine = createEngine({
      strict: true,
      onPersist: (snapshot) => {
        saved = JSON.parse(JSON.stringify(snapshot));
      },
    });
    const ws = await newWorkspace(engine);
    const owner = ws.owner.user_key.secret;
    const first = await create(engine, owner, "after-crash");
    expect(first.status).toBe(201);
    // A new engine from what was persisted: the process that answered is gone.
    const restarted = createEngine({ strict: true, state: saved });
    const again = await create(restarted, owner, "after-crash");
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const list = await call(restarted, "/v1/agents", { headers: bearer(owner) });
    expect(list.body.data.filter((a: { slug: string }) => a.slug === "once")).toHaveLength(1);
  });

  it("keeps replays in the state only sealed: no created secret is readable there", async () => {
    let saved = "";
    const engine = createEngine({
      onPersist: (snapshot) => {
        saved = JSON.stringify(snapshot);
      },
    });
    const ws = await newWorkspace(engine);
    const made = await call(engine, "/v1/me/api-keys", {
      method: "POST",
      headers: { ...bearer(ws.owner.user_key.secret), "idempotency-key": "sealed" },
      json: { name: "sealed" },
    });
    expect(made.status).toBe(201);
    expect(saved).toContain('"replays":[{');
    expect(saved.includes(made.body.secret)).toBe(false);
  });
});
