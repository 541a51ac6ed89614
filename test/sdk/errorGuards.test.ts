import { describe, expect, it, vi } from "vitest";
import * as sdkModule from "../../src/index.js";

// One type guard per error class, as ky has: `instanceof` fails when two copies of the SDK are
// loaded (its ESM and CJS builds in one app); the guards read a registered-symbol brand instead.

const classes = [
  "ApiError",
  "AuthenticationError",
  "SessionExpiredError",
  "PermissionDeniedError",
  "NotFoundError",
  "RateLimitError",
  "ValidationError",
  "ConnectionError",
  "TimeoutError",
] as const;
type Name = (typeof classes)[number];
type Sdk = typeof sdkModule;
// A plain object: the tests index it by class name.
const sdk: Sdk = { ...sdkModule };

/** What each class is, besides itself: its ancestors. */
const ancestors: Record<Name, Name[]> = {
  ApiError: [],
  AuthenticationError: ["ApiError"],
  SessionExpiredError: ["AuthenticationError", "ApiError"],
  PermissionDeniedError: ["ApiError"],
  NotFoundError: ["ApiError"],
  RateLimitError: ["ApiError"],
  ValidationError: ["ApiError"],
  ConnectionError: ["ApiError"],
  TimeoutError: ["ApiError"],
};

const make = (copy: Sdk, name: Name) =>
  new copy[name]({ method: "GET", url: "https://api.example.test/v1/agents" });
const guard = (copy: Sdk, name: Name) => copy[`is${name}`] as (error: unknown) => boolean;

describe("a type guard per error class", () => {
  it("each guard accepts its class and subclasses and nothing else", () => {
    for (const made of classes) {
      const error = make(sdk, made);
      for (const checked of classes) {
        const expected = made === checked || ancestors[made].includes(checked);
        expect(guard(sdk, checked)(error), `is${checked}(new ${made})`).toBe(expected);
      }
    }
    for (const name of classes) {
      for (const other of [new Error("x"), new TypeError("x"), null, undefined, "ApiError", {}]) {
        expect(guard(sdk, name)(other)).toBe(false);
      }
    }
  });

  it("each guard recognises errors from another copy of the SDK, where instanceof fails", async () => {
    vi.resetModules();
    const copy = (await import("../../src/index.js")) as Sdk;
    expect(copy.AuthenticationError).not.toBe(sdk.AuthenticationError);
    for (const name of classes) {
      const foreign = make(copy, name);
      expect(foreign instanceof sdk[name]).toBe(false);
      expect(guard(sdk, name)(foreign), `is${name}`).toBe(true);
      expect(guard(copy, name)(make(sdk, name)), `copy is${name}`).toBe(true);
      expect(foreign.name).toBe(name);
    }
  });
});
