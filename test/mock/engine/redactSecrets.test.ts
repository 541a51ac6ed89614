// The one redaction every detail, challenge and log line passes through: each credential format of
// the spec, however encoded, and nothing else touched.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { redactSecrets } from "../../../mock/engine/redactSecrets.js";
import { credentialKinds, tokenPatterns } from "../../../src/generated/security.js";

/** Every character as %XX, the way a client that over-encodes sends it. */
const encodeAll = (text: string) =>
  [...text].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`).join("");

const anySecret = fc.oneof(
  ...credentialKinds.map((kind) => fc.stringMatching(new RegExp(tokenPatterns[kind]))),
);

describe("redactSecrets", () => {
  it("redacts every credential format the spec defines, anywhere in the text", () => {
    fc.assert(
      fc.property(anySecret, fc.string(), (secret, around) => {
        const out = redactSecrets(`GET /v1/${around}/${secret}?x=${around}`);
        expect(out).not.toContain(secret);
        expect(out).toContain("[redacted]");
      }),
      { seed: 7, numRuns: 400 },
    );
  });

  it("redacts a credential percent-encoded once, twice or thrice", () => {
    fc.assert(
      fc.property(anySecret, fc.integer({ min: 1, max: 3 }), (secret, times) => {
        let encoded = encodeAll(secret);
        for (let i = 1; i < times; i++) encoded = encoded.replaceAll("%", "%25");
        const out = redactSecrets(`There is no /v1/${encoded} in this API.`);
        expect(out).not.toContain(secret);
        expect(out).not.toContain(encoded);
        expect(out).toBe("There is no /v1/[redacted] in this API.");
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it("redacts a truncated or padded key, not only the exact shape", () => {
    expect(redactSecrets("/v1/lk_usr_test_abc")).toBe("/v1/[redacted]");
    expect(redactSecrets(`/v1/lk_tmk_live_${"a".repeat(40)}/x`)).toBe("/v1/[redacted]/x");
  });

  it("leaves text with no credential as it was, escapes included", () => {
    for (const text of ["/v1/agents/agt_5Rk8Nw3Qz1Lm7Xp4?limit=20", "/v1/a%20b%2Fc", "50%"]) {
      expect(redactSecrets(text)).toBe(text);
    }
  });
});
