import { describe, expect, it } from "vitest";
import { ProblemError } from "../../../mock/engine/ProblemError.js";
import { parseDuration } from "../../../mock/engine/parseDuration.js";

describe("parseDuration", () => {
  it("reads seconds, minutes, hours and days, and numbers as seconds", () => {
    expect(parseDuration("45s")).toBe(45_000);
    expect(parseDuration("30m")).toBe(1_800_000);
    expect(parseDuration("12h")).toBe(43_200_000);
    expect(parseDuration("90d")).toBe(7_776_000_000);
    expect(parseDuration(90)).toBe(90_000);
  });

  it("throws 400 validation_failed naming the pointer for anything else", () => {
    for (const bad of ["", "10", "0d", "1w", "1.5h", "-1m", " 1m", 0, -5, Number.NaN]) {
      let thrown: unknown;
      try {
        parseDuration(bad, "/body/expires_in");
      } catch (error) {
        thrown = error;
      }
      expect(thrown, String(bad)).toBeInstanceOf(ProblemError);
      const problem = thrown as ProblemError;
      expect(problem.status).toBe(400);
      expect(problem.code).toBe("validation_failed");
      expect(problem.extras.errors?.[0]?.pointer).toBe("/body/expires_in");
    }
  });
});
