import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CredentialKind, credentialKinds, tokenPatterns } from "../../src/generated/security";

// Each `x-token-pattern` is what the sandbox uses to reject a malformed token before any lookup
// and what secret scanners use to find leaked keys, so each must accept every well-formed token
// of its kind (the formats of docs/decisions/credential-model.md) and nothing of any other kind.

const alnum = [..."0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"];
const base64url = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");
const mode = fc.constantFrom("test", "live");

/** `lk_<kind>_<mode>_<body>`: a 32-character alphanumeric body (randomness plus MAC tag). */
const opaqueKey = (prefix: string) =>
  fc
    .tuple(mode, fc.string({ unit: fc.constantFrom(...alnum), minLength: 32, maxLength: 32 }))
    .map(([m, body]) => `lk_${prefix}_${m}_${body}`);

/** `lk_<kind>_<mode>_<payload>.<tag>`: a base64url payload and an HMAC-SHA-256 tag (43 chars). */
const signedToken = (prefix: string) =>
  fc
    .tuple(
      mode,
      fc.uint8Array({ minLength: 12, maxLength: 300 }),
      fc.uint8Array({ minLength: 32, maxLength: 32 }),
    )
    .map(([m, payload, tag]) => `lk_${prefix}_${m}_${base64url(payload)}.${base64url(tag)}`);

/**
 * A compact JWS: base64url JSON header, base64url JSON claims, base64url ES256 signature. Claim
 * names start with a letter, as every JWT library writes them: the pattern's `eyJ` prefix of
 * each segment is base64url for `{"` followed by a letter.
 */
const jwt = fc
  .tuple(
    fc.dictionary(fc.stringMatching(/^[a-z][a-z_]{0,7}$/), fc.jsonValue({ maxDepth: 1 })),
    fc.uint8Array({ minLength: 64, maxLength: 64 }),
  )
  .map(([claims, signature]) => {
    const json = (value: unknown) => base64url(new TextEncoder().encode(JSON.stringify(value)));
    return `${json({ alg: "ES256", typ: "JWT", kid: "sbx-1" })}.${json({ ...claims, mode: "test" })}.${base64url(signature)}`;
  });

const samples: Record<CredentialKind, fc.Arbitrary<string>> = {
  session: jwt,
  refresh_token: opaqueKey("rt"),
  user_key: opaqueKey("usr"),
  workspace_key: opaqueKey("wsk"),
  team_key: opaqueKey("tmk"),
  agent_key: opaqueKey("agk"),
  download_token: signedToken("dlt"),
  stream_token: signedToken("stt"),
};

const patterns = Object.fromEntries(
  credentialKinds.map((kind) => [kind, new RegExp(tokenPatterns[kind], "u")]),
) as Record<CredentialKind, RegExp>;
const otherKinds = (kind: CredentialKind) => credentialKinds.filter((other) => other !== kind);

describe("x-token-pattern of each credential kind", () => {
  it("there is a sample generator for every kind in the spec, and a kind for every generator", () => {
    expect(Object.keys(samples).sort()).toEqual([...credentialKinds].sort());
  });

  describe.each(credentialKinds)("%s", (kind) => {
    it("matches every well-formed token of its kind", () => {
      fc.assert(fc.property(samples[kind], (token) => patterns[kind].test(token)));
    });

    it("matches no well-formed token of any other kind", () => {
      for (const other of otherKinds(kind)) {
        fc.assert(
          fc.property(samples[other], (token) => !patterns[kind].test(token)),
          { numRuns: 50 },
        );
      }
    });

    it("is anchored: a token with anything before or after it is rejected", () => {
      fc.assert(
        fc.property(samples[kind], fc.constantFrom(" ", "!", "\n", '"'), (token, junk) => {
          return !patterns[kind].test(`${junk}${token}`) && !patterns[kind].test(`${token}${junk}`);
        }),
      );
    });
  });

  describe.each(["refresh_token", "user_key", "workspace_key", "team_key", "agent_key"] as const)(
    "%s (opaque key)",
    (kind) => {
      it("rejects a body one character short or long, or with a character outside [0-9A-Za-z]", () => {
        fc.assert(
          fc.property(samples[kind], fc.constantFrom("-", "_", ".", "é", "+"), (token, bad) => {
            const rejected = (candidate: string) => !patterns[kind].test(candidate);
            return (
              rejected(token.slice(0, -1)) &&
              rejected(`${token}a`) &&
              rejected(`${token.slice(0, -1)}${bad}`)
            );
          }),
        );
      });

      it("rejects a mode other than test or live", () => {
        fc.assert(
          fc.property(samples[kind], (token) => {
            return !patterns[kind].test(token.replace(/_(test|live)_/, "_prod_"));
          }),
        );
      });
    },
  );
});
