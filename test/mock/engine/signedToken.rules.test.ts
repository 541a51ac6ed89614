// Download and stream tokens `lk_<dlt|stt>_<mode>_<payload>.<mac>`, rule by rule. The tests
// hold the MAC key, so they can sign payloads the sandbox never mints and show that the MAC is
// not the only check: a validly signed token with a broken payload is still refused.
import { describe, expect, it } from "vitest";
import { base64url, utf8 } from "../../../mock/engine/base64url.js";
import { createRandom } from "../../../mock/engine/createRandom.js";
import { createDefaultHmac } from "../../../mock/engine/defaultHmac.js";
import { createSignedTokens } from "../../../mock/engine/signedToken.js";

const hmac = createDefaultHmac();
const signKey = new Uint8Array(32).fill(3);
const tokens = createSignedTokens(hmac, signKey, createRandom(1));
const T0 = Date.UTC(2030, 0, 1);
const claims = { resource: "agt_1/a.txt", expiresAt: T0 + 300_000, workspaceId: "ws_a" };

/** Signs any payload text the way the sandbox signs its own. */
function sign(payload: string, prefix = "lk_dlt_test_"): string {
  const signed = prefix + base64url(utf8(payload));
  return `${signed}.${base64url(hmac(signKey, utf8(signed)))}`;
}

const malformed = { ok: false, code: "token_malformed" };

describe("signed tokens", () => {
  it("a minted download token verifies as a download token bound to its resource", () => {
    const token = tokens.mint("download_token", claims);
    expect(token).toMatch(/^lk_dlt_test_[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(tokens.verify(token, T0)).toEqual({
      ok: true,
      kind: "download_token",
      claims,
      nonce: expect.stringMatching(/^[0-9A-Za-z]{12}$/),
    });
  });

  it("a minted stream token verifies as a stream token", () => {
    const token = tokens.mint("stream_token", { ...claims, resource: "job_1" });
    expect(token.startsWith("lk_stt_test_")).toBe(true);
    expect(tokens.verify(token, T0)).toMatchObject({ ok: true, kind: "stream_token" });
  });

  it("expiry is kept in whole seconds, rounded down", () => {
    const token = tokens.mint("download_token", { ...claims, expiresAt: T0 + 1999 });
    expect(tokens.verify(token, T0)).toMatchObject({ claims: { expiresAt: T0 + 1000 } });
  });

  it("a token is expired exactly at its expiry, and good one millisecond before", () => {
    const token = tokens.mint("download_token", claims);
    expect(tokens.verify(token, T0 + 300_000 - 1)).toMatchObject({ ok: true });
    expect(tokens.verify(token, T0 + 300_000)).toEqual({ ok: false, code: "token_expired" });
  });

  it("a live token of the right shape is live_key_in_sandbox, whatever its MAC", () => {
    const token = tokens.mint("download_token", claims).replace("_test_", "_live_");
    expect(tokens.verify(token, T0)).toEqual({ ok: false, code: "live_key_in_sandbox" });
  });

  it("a token whose MAC does not match is malformed", () => {
    const token = tokens.mint("download_token", claims);
    const forged = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    expect(tokens.verify(forged, T0)).toEqual(malformed);
  });

  it("a token signed with another key is malformed", () => {
    const other = createSignedTokens(hmac, new Uint8Array(32).fill(4), createRandom(1));
    expect(tokens.verify(other.mint("download_token", claims), T0)).toEqual(malformed);
  });

  it("a token of another shape is malformed", () => {
    const token = tokens.mint("download_token", claims);
    expect(tokens.verify(token.replace("lk_dlt_", "lk_xyz_"), T0)).toEqual(malformed);
    expect(tokens.verify(token.replace("_test_", "_prod_"), T0)).toEqual(malformed);
    expect(tokens.verify(`${token}A`, T0)).toEqual(malformed);
    expect(tokens.verify(` ${token}`, T0)).toEqual(malformed);
  });

  it("a validly signed payload that is not JSON is malformed", () => {
    expect(tokens.verify(sign("not json at all"), T0)).toEqual(malformed);
  });

  it("a validly signed payload that is not an object is malformed", () => {
    expect(tokens.verify(sign("12345678901234567890"), T0)).toEqual(malformed);
    expect(tokens.verify(sign("null            "), T0)).toEqual(malformed);
    expect(tokens.verify(sign('"a string payload"'), T0)).toEqual(malformed);
  });

  it("a validly signed payload missing a field or with a field of the wrong type is malformed", () => {
    const e = Math.floor((T0 + 300_000) / 1000);
    const good = { r: "agt_1/a.txt", e, w: "ws_a", n: "nonce1234567" };
    expect(tokens.verify(sign(JSON.stringify(good)), T0)).toMatchObject({ ok: true });
    for (const broken of [
      { ...good, r: 1 },
      { ...good, w: null },
      { ...good, n: 7 },
      { ...good, e: String(e) },
      { ...good, m: 5 },
    ]) {
      expect(tokens.verify(sign(JSON.stringify(broken)), T0)).toEqual(malformed);
    }
  });

  it("a validly signed payload whose expiry is not a finite number is malformed", () => {
    const payload = '{"r":"agt_1/a.txt","e":1e999,"w":"ws_a","n":"nonce1234567"}';
    expect(tokens.verify(sign(payload), T0)).toEqual(malformed);
  });
});
