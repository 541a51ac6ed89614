// A signed token's grant, rule by rule, against a store holding exactly what each rule reads.
import { describe, expect, it } from "vitest";
import { Store } from "../../../mock/engine/Store.js";
import {
  grantEnded,
  minterOf,
  revokedSignedTokenId,
} from "../../../mock/engine/signedTokenGrant.js";
import type { KeyRecord } from "../../../mock/engine/types.js";
import { principal } from "./ruleHarness.js";

const T0 = Date.UTC(2030, 0, 1);
const REVOKED = "The credential that minted this signed link has been revoked.";

function storeWithKey(fields: Partial<KeyRecord> = {}): Store {
  const store = new Store();
  store.putKey({
    id: "key_1",
    kind: "user_key",
    name: "k",
    start: "lk_usr_test_abcd",
    digest: "d",
    scopes: [],
    workspaceId: "ws_a",
    owner: { type: "user", id: "usr_1" },
    userId: "usr_1",
    createdAt: T0,
    expiresAt: null,
    lastUsedAt: null,
    revokedAt: null,
    previous: null,
    ...fields,
  });
  store.put("families", { id: "fam_1", userId: "usr_1", workspaceId: "ws_a", revokedAt: null });
  return store;
}

describe("minterOf", () => {
  it("a key minter is recorded by its key id", () => {
    expect(minterOf(principal({ kind: "user_key", id: "key_1" }))).toBe("k:key_1");
  });

  it("a session minter is recorded by its token id and family (empty for an outside token)", () => {
    const session = principal({ kind: "session", id: "ses_1", familyId: "fam_1" });
    expect(minterOf(session)).toBe("s:ses_1:fam_1");
    expect(minterOf({ ...session, familyId: null })).toBe("s:ses_1:");
  });
});

describe("grantEnded", () => {
  it("a signed token revoked by its nonce has ended, whoever minted it", () => {
    const store = storeWithKey();
    store.put("revokedJtis", { jti: revokedSignedTokenId("n1"), expiresAt: T0 + 1000 });
    expect(revokedSignedTokenId("n1")).toBe("sig_n1");
    expect(grantEnded(store, "k:key_1", "n1", T0)).toBe("The signed link has been revoked.");
    expect(grantEnded(store, undefined, "n1", T0)).toBe("The signed link has been revoked.");
    expect(grantEnded(store, "k:key_1", "n2", T0)).toBeNull();
  });

  it("a signed token without a recorded minter holds until its own expiry", () => {
    expect(grantEnded(storeWithKey({ revokedAt: T0 }), undefined, "n1", T0)).toBeNull();
  });

  it("a signed token minted with a key holds while the key does", () => {
    expect(grantEnded(storeWithKey(), "k:key_1", "n1", T0)).toBeNull();
  });

  it("a signed token ends when the key that minted it is revoked or gone", () => {
    expect(grantEnded(storeWithKey({ revokedAt: T0 }), "k:key_1", "n1", T0)).toBe(REVOKED);
    expect(grantEnded(storeWithKey(), "k:key_gone", "n1", T0)).toBe(REVOKED);
  });

  it("a signed token ends exactly when the key that minted it expires", () => {
    const store = storeWithKey({ expiresAt: T0 + 1000 });
    expect(grantEnded(store, "k:key_1", "n1", T0 + 999)).toBeNull();
    expect(grantEnded(store, "k:key_1", "n1", T0 + 1000)).toBe(
      "The key that minted it has expired.",
    );
  });

  it("a signed token minted in a session holds while the session does", () => {
    expect(grantEnded(storeWithKey(), "s:ses_1:fam_1", "n1", T0)).toBeNull();
    expect(grantEnded(storeWithKey(), "s:ses_1:", "n1", T0)).toBeNull();
  });

  it("a signed token ends when the session token that minted it is revoked", () => {
    const store = storeWithKey();
    store.put("revokedJtis", { jti: "ses_1", expiresAt: T0 + 1000 });
    expect(grantEnded(store, "s:ses_1:fam_1", "n1", T0)).toBe(REVOKED);
    expect(grantEnded(store, "s:ses_1:", "n1", T0)).toBe(REVOKED);
  });

  it("a signed token ends when the family of the session that minted it is revoked", () => {
    const store = storeWithKey();
    store.put("families", { id: "fam_1", userId: "usr_1", workspaceId: "ws_a", revokedAt: T0 });
    expect(grantEnded(store, "s:ses_1:fam_1", "n1", T0)).toBe(REVOKED);
    expect(grantEnded(store, "s:ses_1:fam_2", "n1", T0)).toBeNull();
  });
});
