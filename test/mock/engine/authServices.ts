// What `authenticate` reads, built from the engine's own parts with a clock the test sets, and
// records put straight into the store: each test states exactly the state its rule depends on.

import type { AuthServices } from "../../../mock/engine/authenticate.js";
import { createClock } from "../../../mock/engine/createClock.js";
import { createCrypto } from "../../../mock/engine/createCrypto.js";
import { createRandom } from "../../../mock/engine/createRandom.js";
import { createSessionService } from "../../../mock/engine/createSessionService.js";
import { createDefaultHmac } from "../../../mock/engine/defaultHmac.js";
import { Store } from "../../../mock/engine/Store.js";
import type { KeyKind, KeyRecord, Role, UserRecord } from "../../../mock/engine/types.js";
import type { Scope } from "../../../src/generated/security.js";

/** 2030-01-01T00:00:00Z on the sandbox clock, unless a test moves it. */
export const T0 = Date.UTC(2030, 0, 1);

export function authServices() {
  const random = createRandom("auth-rules");
  const crypto = createCrypto({ hmac: createDefaultHmac(), random, rootSecret: random.bytes(32) });
  let now = T0;
  const clock = createClock(() => now);
  const store = new Store();
  const sessions = createSessionService({
    store,
    clock,
    crypto,
    sessionTtlMs: 15 * 60_000,
    refreshTtlMs: 30 * 86_400_000,
    trustedIssuers: [],
  });
  const services: AuthServices = { store, clock, crypto, sessions };

  function addUser(role: Role = "owner", id = "usr_1", workspaceId = "ws_a"): UserRecord {
    const user = { id, workspaceId, email: `${id}@example.test`, role, passwordHash: "x" };
    store.putUser(user);
    return user;
  }

  function addAgent(id = "agt_1", workspaceId = "ws_a") {
    store.putAgent({ id, workspaceId, name: id, slug: id, createdAt: T0 });
  }

  /**
   * Issues a key straight into the store; returns its secret and the record the store holds (a
   * copy with shared parts), which rule tests edit to stage a torn or changed state.
   */
  function addKey(
    kind: KeyKind,
    fields: Partial<KeyRecord> & { scopes?: Scope[] } = {},
  ): { secret: string; key: KeyRecord } {
    const minted = crypto.mintKey(kind);
    const owner =
      kind === "user_key"
        ? ({ type: "user", id: "usr_1" } as const)
        : kind === "workspace_key"
          ? ({ type: "workspace", id: "ws_a" } as const)
          : kind === "team_key"
            ? ({ type: "team", id: "team_1" } as const)
            : ({ type: "agent", id: "agt_1" } as const);
    const key: KeyRecord = {
      id: `key_${kind}`,
      kind,
      name: kind,
      start: minted.start,
      digest: minted.digest,
      scopes: [],
      workspaceId: "ws_a",
      owner,
      userId: kind === "user_key" ? "usr_1" : null,
      createdAt: T0,
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
      previous: null,
      ...fields,
    };
    store.putKey(key);
    return { secret: minted.secret, key: store.keys.get(key.id) as KeyRecord };
  }

  return {
    services,
    store,
    crypto,
    sessions,
    addUser,
    addAgent,
    addKey,
    setNow(at: number) {
      now = at;
    },
  };
}
