// The opaque key format `lk_<kind>_<mode>_<24 random><8 tag>`, rule by rule. The checks of
// prefix, kind, mode, length and alphabet run before the tag; for a test key the tag alone
// would refuse the same strings, but a live key carries a tag made with the real service's
// secret, which the sandbox cannot check: the shape checks are what decide that a live key is
// well formed (401 live_key_in_sandbox) rather than malformed. Each test below shows that.
import { describe, expect, it } from "vitest";
import { createRandom } from "../../../mock/engine/createRandom.js";
import { createDefaultHmac } from "../../../mock/engine/defaultHmac.js";
import { constantTimeEqual, createKeyFormat } from "../../../mock/engine/keyFormat.js";

const hmac = createDefaultHmac();
const format = createKeyFormat(hmac, new Uint8Array(32).fill(7), createRandom(1));
const BODY = "AbCdEfGhIjKlMnOpQrStUvWx12345678"; // 32 base62 characters
const malformed = { ok: false, code: "token_malformed" };
const live = { ok: false, code: "live_key_in_sandbox" };

describe("key format", () => {
  it("mints lk_<kind>_test_ keys of 24 random and 8 tag characters that parse as their kind", () => {
    for (const [kind, code] of [
      ["user_key", "usr"],
      ["workspace_key", "wsk"],
      ["team_key", "tmk"],
      ["agent_key", "agk"],
      ["refresh_token", "rt"],
    ] as const) {
      const { secret, start } = format.mint(kind);
      expect(secret).toMatch(new RegExp(`^lk_${code}_test_[0-9A-Za-z]{32}$`));
      expect(start).toBe(secret.slice(0, `lk_${code}_test_`.length + 4));
      expect(format.parse(secret)).toEqual({ ok: true, kind, mode: "test" });
    }
  });

  it("a well-formed live key is live_key_in_sandbox", () => {
    expect(format.parse(`lk_usr_live_${BODY}`)).toEqual(live);
    expect(format.parse(`lk_rt_live_${BODY}`)).toEqual(live);
  });

  it("a key without the lk_ prefix is malformed", () => {
    expect(format.parse(`xk_usr_live_${BODY}`)).toEqual(malformed);
  });

  it("a key of an unknown kind is malformed", () => {
    expect(format.parse(`lk_xyz_live_${BODY}`)).toEqual(malformed);
    expect(format.parse("lk_usr")).toEqual(malformed);
  });

  it("a key of a mode other than test or live is malformed", () => {
    expect(format.parse(`lk_usr_prod_${BODY}`)).toEqual(malformed);
    expect(format.parse(`lk_usr_tes_${BODY}x`)).toEqual(malformed);
  });

  it("a key one character short or long is malformed", () => {
    expect(format.parse(`lk_usr_live_${BODY.slice(1)}`)).toEqual(malformed);
    expect(format.parse(`lk_usr_live_${BODY}A`)).toEqual(malformed);
  });

  it("a key with a character outside base62 is malformed", () => {
    for (const stray of ["-", "_", "é", "\u0080", "\u007f"]) {
      expect(format.parse(`lk_usr_live_${stray}${BODY.slice(1)}`)).toEqual(malformed);
      expect(format.parse(`lk_usr_live_${BODY.slice(1)}${stray}`)).toEqual(malformed);
    }
  });

  it("a test key whose tag does not match is malformed, unless only its shape is asked for", () => {
    const secret = format.mint("user_key").secret;
    const forged = secret.slice(0, -1) + (secret.endsWith("A") ? "B" : "A");
    expect(format.parse(forged)).toEqual(malformed);
    expect(format.parse(forged, true)).toEqual({ ok: true, kind: "user_key", mode: "test" });
  });

  it("a test key with a good tag over another body is malformed", () => {
    const a = format.mint("user_key").secret;
    const b = format.mint("user_key").secret;
    expect(format.parse(a.slice(0, -8) + b.slice(-8))).toEqual(malformed);
  });

  it("the tag binds the kind: a key's body under another kind is malformed", () => {
    const secret = format.mint("user_key").secret;
    expect(format.parse(secret.replace("lk_usr_", "lk_wsk_"))).toEqual(malformed);
  });

  it("another tag key makes other tags", () => {
    const other = createKeyFormat(hmac, new Uint8Array(32).fill(8), createRandom(1));
    expect(other.parse(format.mint("agent_key").secret)).toEqual(malformed);
  });
});

describe("constantTimeEqual", () => {
  it("is true for equal strings only", () => {
    expect(constantTimeEqual("", "")).toBe(true);
    expect(constantTimeEqual("abc", "abc")).toBe(true);
    expect(constantTimeEqual("abc", "abd")).toBe(false);
    expect(constantTimeEqual("abc", "xbc")).toBe(false);
  });

  it("is false when one string is a prefix of the other", () => {
    expect(constantTimeEqual("abc", "abcd")).toBe(false);
    expect(constantTimeEqual("abcd", "abc")).toBe(false);
  });
});

describe("parse, shape only", () => {
  it("a mode other than test or live is malformed even when only the shape is checked", () => {
    expect(format.parse(`lk_usr_prod_${BODY}`, true)).toEqual(malformed);
    expect(format.parse(`lk_usr_test_${BODY}`, true)).toEqual({
      ok: true,
      kind: "user_key",
      mode: "test",
    });
  });
});
