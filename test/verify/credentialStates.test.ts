// Broken credentials derived by text follow each kind's x-token-pattern: live ones are
// well-formed, forged ones differ in one character and keep the shape, malformed ones do not.
import { describe, expect, it } from "vitest";
import { tokenPatterns } from "../../src/generated/security.js";
import { derivedStates } from "../../verify/credentialStates.js";

const key = "lk_usr_test_abcdefghijklmnopqrstuvwxyzABCDEF";
const jwt = `${btoa('{"alg":"ES256"}').replace(/=+$/, "")}.${btoa('{"sub":"usr_1","iss":"latchkey"}').replace(/=+$/, "")}.${"s".repeat(86)}`;

describe("credential states derived from a valid credential", () => {
  const states = new Map(derivedStates("user_key", key).map((s) => [s.state, s]));

  it("a live key matches the kind's pattern and expects live_key_in_sandbox", () => {
    const live = states.get("live");
    expect(live?.secret).toMatch(new RegExp(tokenPatterns.user_key));
    expect(live?.secret).toContain("_live_");
    expect(live?.expected.code).toBe("live_key_in_sandbox");
  });

  it("a forged key keeps the shape, differs in one character, and expects token_malformed", () => {
    const forged = states.get("forged")?.secret ?? "";
    expect(forged).toMatch(new RegExp(tokenPatterns.user_key));
    expect([...forged].filter((c, i) => c !== key[i])).toHaveLength(1);
    expect(states.get("forged")?.expected.code).toBe("token_malformed");
  });

  it("a malformed key breaks the pattern", () => {
    expect(states.get("malformed")?.secret).not.toMatch(new RegExp(tokenPatterns.user_key));
  });

  it("a session gets an alg-none token and one from an unknown issuer", () => {
    const session = new Map(derivedStates("session", jwt).map((s) => [s.state, s]));
    const header = JSON.parse(atob((session.get("alg none")?.secret ?? "").split(".")[0] ?? ""));
    expect(header.alg).toBe("none");
    expect(session.get("alg none")?.expected.code).toBe("token_malformed");
    expect(session.get("unknown issuer")?.expected.code).toBe("token_malformed");
    expect(session.has("live")).toBe(false);
  });
});
