// Broken credentials made from valid ones by their text alone, following each kind's
// `x-token-pattern`: cut short (malformed), one character changed (a forged tag or signature),
// `live` instead of `test`, and for sessions a JWT with `alg: none` and one from an issuer the
// target cannot know. The states that need the target (revoked, retired, expired) are made
// through its API by mintCallers.
import { type CredentialKind, tokenPatterns } from "../src/generated/security.js";
import { invalidToken } from "./expect.js";
import type { Expected } from "./types.js";

export interface DerivedState {
  state: string;
  secret: string;
  expected: Expected;
}

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function changeOne(secret: string): string {
  // Far enough from the end that a base64url character carries no padding bits.
  const at = secret.length - 10;
  const old = secret[at] ?? "A";
  const next = ALPHABET[(ALPHABET.indexOf(old) + 1) % ALPHABET.length] ?? "B";
  return secret.slice(0, at) + next + secret.slice(at + 1);
}

const b64 = (value: unknown) =>
  btoa(JSON.stringify(value)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

function claimsOf(jwt: string): Record<string, unknown> {
  const part = jwt.split(".")[1] ?? "";
  try {
    return JSON.parse(atob(part.replace(/-/g, "+").replace(/_/g, "/")));
  } catch {
    return {};
  }
}

export function derivedStates(kind: CredentialKind, valid: string): DerivedState[] {
  const states: DerivedState[] = [
    { state: "malformed", secret: valid.slice(0, -3), expected: invalidToken("token_malformed") },
    { state: "forged", secret: changeOne(valid), expected: invalidToken("token_malformed") },
  ];
  const live = valid.replace("_test_", "_live_");
  if (live !== valid && new RegExp(tokenPatterns[kind]).test(live)) {
    states.push({ state: "live", secret: live, expected: invalidToken("live_key_in_sandbox") });
  }
  if (kind === "session") {
    const claims = claimsOf(valid);
    const signature = valid.split(".")[2] ?? "";
    states.push({
      state: "alg none",
      secret: `${b64({ alg: "none", typ: "JWT" })}.${b64(claims)}.${signature}`,
      expected: invalidToken("token_malformed"),
    });
    states.push({
      state: "unknown issuer",
      secret: `${b64({ alg: "ES256", typ: "JWT" })}.${b64({ ...claims, iss: "https://issuer.verify.invalid" })}.${signature}`,
      // The spec's error table: a JWT from no trusted issuer is forged, not merely unknown.
      expected: invalidToken("token_malformed"),
    });
  }
  return states;
}
