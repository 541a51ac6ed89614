// Idempotency-Key values where crypto.randomUUID is missing (a browser page in an insecure
// context): still fresh per call, and within the API's 1 to 255 characters.
import { afterEach, describe, expect, it, vi } from "vitest";
import { idempotencyKey } from "../../src/idempotencyKey.js";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("idempotencyKey", () => {
  it("without randomUUID, keys come from getRandomValues: distinct and 1 to 255 characters", () => {
    const { crypto } = globalThis;
    vi.stubGlobal("crypto", { getRandomValues: crypto.getRandomValues.bind(crypto) });
    const keys = new Set(Array.from({ length: 100 }, () => idempotencyKey()));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(key).toMatch(/^\d{1,20}-\d{1,20}$/);
  });

  it("with randomUUID, keys are UUIDs", () => {
    expect(idempotencyKey()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
