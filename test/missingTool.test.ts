// The rules of test/missingTool.ts: a missing tool skips its suites loudly, with the install
// command; where CI requires it, its absence fails instead.
import { afterEach, describe, expect, it, vi } from "vitest";
import { installTools, skippedTitle, skipWithoutTool } from "./missingTool.js";

const check = {
  tool: "redis-server",
  requireVariable: "LATCHKEY_TEST_REQUIRE_TOOL",
  tests: "the replica tests",
};

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe("skipWithoutTool", () => {
  it("runs the suites when the tool is there, and says nothing", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(skipWithoutTool({ ...check, available: true })).toBe(false);
    expect(warn).not.toHaveBeenCalled();
  });

  it("skips them when it is missing, with a notice naming the install command", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(skipWithoutTool({ ...check, available: false })).toBe(true);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("SKIPPED"));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(installTools));
  });

  it("fails instead when the require variable is 1, as in CI", () => {
    vi.stubEnv(check.requireVariable, "1");
    expect(() => skipWithoutTool({ ...check, available: false })).toThrow(installTools);
  });

  it("marks a skipped suite's title with the reason and the command", () => {
    expect(skippedTitle("replicas", true, "redis-server")).toBe(
      `replicas — SKIPPED: no redis-server (${installTools})`,
    );
    expect(skippedTitle("replicas", false, "redis-server")).toBe("replicas");
  });
});
