// The banner's workspace with `--state`: restarts reuse the saved one instead of adding another
// workspace (with its users, agents, team and keys) on every start, and keys people use survive.
import { describe, expect, it } from "vitest";
import { createEngine, type Engine } from "../../../mock/engine/createEngine.js";
import type { Snapshot } from "../../../mock/engine/types.js";
import {
  bannerKeyName,
  starterWorkspace,
  starterWorkspaceName,
} from "../../../mock/server/starterWorkspace.js";

/** One start of `latchkey sandbox --state FILE`, with the file kept in memory. */
async function start(saved: Snapshot | undefined) {
  let persisted: Snapshot | undefined;
  const engine = createEngine({
    state: saved,
    onPersist: (snapshot) => {
      persisted = snapshot;
    },
  });
  const starter = await starterWorkspace(engine);
  expect(persisted, "the starter workspace is persisted before the banner").toBeDefined();
  return { engine, starter };
}

const call = (engine: Engine, path: string, key: string, init: RequestInit = {}) =>
  engine.fetch(
    new Request(`http://127.0.0.1:4010${path}`, {
      ...init,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    }),
  );

describe("the banner's starter workspace", () => {
  it("is made once: three restarts on one state file keep one starter workspace", async () => {
    let saved: Snapshot | undefined;
    const ids: string[] = [];
    for (let run = 0; run < 3; run++) {
      const { engine, starter } = await start(saved);
      ids.push(starter.workspaceId);
      expect(starter.reused).toBe(run > 0);
      saved = engine.snapshot(); // what the server writes at shutdown
    }
    expect(new Set(ids).size).toBe(1);
    const starters = saved?.workspaces.filter((ws) => ws.name === starterWorkspaceName) ?? [];
    expect(starters).toHaveLength(1);
    expect(saved?.workspaces).toHaveLength(1);
    expect(saved?.agents).toHaveLength(2);
    expect(saved?.users).toHaveLength(1);
  });

  it("prints keys that work after each restart, for listing agents and invoking one", async () => {
    let saved: Snapshot | undefined;
    for (let run = 0; run < 2; run++) {
      const { engine, starter } = await start(saved);
      expect((await call(engine, "/v1/agents", starter.userKey)).status).toBe(200);
      const invoke = await call(
        engine,
        `/v1/invoke/${starter.agent?.slug}`,
        starter.agent?.key ?? "",
        {
          method: "POST",
          body: JSON.stringify({ input: "Hello" }),
        },
      );
      expect(invoke.status).toBe(200);
      saved = engine.snapshot();
    }
  });

  it("keeps a printed key that was used working; revokes earlier banner keys nobody used", async () => {
    const first = await start(undefined);
    expect((await call(first.engine, "/v1/agents", first.starter.userKey)).status).toBe(200);
    const second = await start(first.engine.snapshot());
    // The second start's key is never used before the third start.
    const third = await start(second.engine.snapshot());
    expect((await call(third.engine, "/v1/agents", first.starter.userKey)).status).toBe(200);
    const unused = await call(third.engine, "/v1/agents", second.starter.userKey);
    expect(unused.status).toBe(401);
    expect(((await unused.json()) as { code: string }).code).toBe("token_revoked");
    const live = third.engine
      .snapshot()
      .keys.filter((key) => key.name === bannerKeyName && key.revokedAt === null);
    // The third start's user key and agent key.
    expect(live.map((key) => key.kind).sort()).toEqual(["agent_key", "user_key"]);
  });
});
