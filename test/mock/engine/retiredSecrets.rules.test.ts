// The secrets a key has had, rule by rule: which one a digest is at an instant, every digest the
// store indexes the key by, and what a rotation keeps.
import { describe, expect, it } from "vitest";
import {
  digestsOf,
  MAX_RETIRED,
  retire,
  secretState,
} from "../../../mock/engine/retiredSecrets.js";
import type { KeyRecord, RetiredSecret } from "../../../mock/engine/types.js";

const T0 = Date.UTC(2030, 0, 1);
const equal = (a: string, b: string) => a === b;

function key(fields: Partial<KeyRecord> = {}): KeyRecord {
  return {
    id: "key_1",
    kind: "workspace_key",
    name: "k",
    start: "lk_wsk_test_abcd",
    digest: "current",
    scopes: [],
    workspaceId: "ws_a",
    owner: { type: "workspace", id: "ws_a" },
    userId: null,
    createdAt: T0,
    expiresAt: null,
    lastUsedAt: null,
    revokedAt: null,
    previous: null,
    ...fields,
  };
}

const retiredAt = (digest: string, graceEndsAt: number | null): RetiredSecret => ({
  digest,
  rotatedAt: T0,
  graceEndsAt,
});

describe("secretState", () => {
  it("the key's current digest is its current secret", () => {
    expect(secretState(key(), "current", equal, T0)).toEqual({ kind: "current" });
  });

  it("a retired secret is in grace until one millisecond before its grace ends, retired from then", () => {
    const old = retiredAt("old", T0 + 1000);
    const k = key({ retired: [old] });
    expect(secretState(k, "old", equal, T0 + 999)).toEqual({ kind: "grace", retired: old });
    expect(secretState(k, "old", equal, T0 + 1000)).toEqual({ kind: "retired", retired: old });
  });

  it("a secret retired without grace is retired at once", () => {
    const old = retiredAt("old", null);
    expect(secretState(key({ retired: [old] }), "old", equal, T0)).toEqual({
      kind: "retired",
      retired: old,
    });
  });

  it("each retired secret keeps its own grace: a later rotation does not end an earlier one", () => {
    const first = retiredAt("first", T0 + 2000);
    const second = retiredAt("second", T0 + 1000);
    const k = key({ retired: [second, first] });
    expect(secretState(k, "first", equal, T0 + 1500)).toEqual({ kind: "grace", retired: first });
    expect(secretState(k, "second", equal, T0 + 1500)).toEqual({
      kind: "retired",
      retired: second,
    });
  });

  it("a digest that is none of the key's secrets is null", () => {
    expect(secretState(key({ retired: [retiredAt("old", null)] }), "other", equal, T0)).toBeNull();
  });

  it("a key saved before retired secrets were kept answers its previous secret, rotation time unknown", () => {
    const k = key({ previous: { digest: "old", expiresAt: T0 + 1000 } });
    expect(secretState(k, "old", equal, T0)).toEqual({
      kind: "grace",
      retired: { digest: "old", rotatedAt: null, graceEndsAt: T0 + 1000 },
    });
  });

  it("a key's retired list, once kept, wins over the old previous field", () => {
    const k = key({ retired: [], previous: { digest: "old", expiresAt: T0 + 1000 } });
    expect(secretState(k, "old", equal, T0)).toBeNull();
  });
});

describe("digestsOf", () => {
  it("a key is indexed by its current digest and every retired one", () => {
    const k = key({ retired: [retiredAt("b", null), retiredAt("a", T0)] });
    expect(digestsOf(k)).toEqual(["current", "b", "a"]);
    expect(digestsOf(key())).toEqual(["current"]);
  });
});

describe("retire", () => {
  it("rotation puts the current secret first in the retired list, with its time and grace", () => {
    const k = key({ retired: [retiredAt("older", null)] });
    expect(retire(k, T0 + 5, T0 + 60_000)).toEqual([
      { digest: "current", rotatedAt: T0 + 5, graceEndsAt: T0 + 60_000 },
      retiredAt("older", null),
    ]);
  });

  it(`a key remembers its ${MAX_RETIRED} latest retired secrets, no more`, () => {
    const many = Array.from({ length: MAX_RETIRED }, (_, i) => retiredAt(`d${i}`, null));
    const next = retire(key({ retired: many }), T0, null);
    expect(next).toHaveLength(MAX_RETIRED);
    expect(next[0]?.digest).toBe("current");
    expect(next.at(-1)?.digest).toBe(`d${MAX_RETIRED - 2}`);
    expect(MAX_RETIRED).toBe(20);
  });
});
