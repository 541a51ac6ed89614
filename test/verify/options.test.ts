// Mistakes in the command line or the config are refused with one sentence naming the option,
// the field or the variable, and never a secret.
import { describe, expect, it } from "vitest";
import { parseVerifyArgs } from "../../verify/cli/parseVerifyArgs.js";
import { checkConfig, resolveSecret } from "../../verify/config/checkConfig.js";
import { toJunit } from "../../verify/index.js";
import type { VerifyReport } from "../../verify/types.js";

describe("latchkey verify options", () => {
  it("refuses a concurrency that is not a whole number ≥ 1", () => {
    expect(() =>
      parseVerifyArgs(["--base-url", "http://127.0.0.1:1", "--concurrency", "0"]),
    ).toThrow('--concurrency needs a whole number ≥ 1, not "0".');
  });

  it("refuses a base URL that is not http(s)", () => {
    expect(() => parseVerifyArgs(["--base-url", "ftp://x"])).toThrow(
      '--base-url "ftp://x" is not an http(s) URL.',
    );
  });

  it("reads every option, --flag=value included", () => {
    const args = parseVerifyArgs([
      "--base-url=http://h:1",
      "--max-rps",
      "50",
      "--only",
      "getAgent, listAgents",
      "--allow-writes",
    ]);
    expect(args).toMatchObject({
      baseUrl: "http://h:1",
      maxRps: 50,
      only: ["getAgent", "listAgents"],
      allowWrites: true,
      concurrency: 8,
    });
  });

  it("refuses a config that breaks its JSON Schema, naming the field", () => {
    expect(() => checkConfig({ tenants: [], users: [] })).toThrow(
      /The config is not valid: \/tenants must NOT have fewer than 2 items/,
    );
  });

  it("reads a secret from the environment, and names a missing variable without any secret", () => {
    expect(resolveSecret({ env: "LK_KEY" }, { LK_KEY: "lk_usr_test_x" })).toBe("lk_usr_test_x");
    expect(() => resolveSecret({ env: "LK_MISSING" }, {})).toThrow(
      "The environment variable LK_MISSING named in the config is not set.",
    );
  });

  it("escapes what it writes into JUnit XML", () => {
    const report: VerifyReport = {
      baseUrl: "http://a&b",
      target: "config",
      cells: 1,
      passed: 0,
      skipped: [],
      durationMs: 1,
      cellsPerSecond: 1,
      operations: [{ operation: "getAgent", cells: 1, passed: 0, mismatches: 1 }],
      mismatches: [
        {
          cell: 1,
          operation: "getAgent",
          label: {
            scheme: "bearerAuth",
            credential: "<x>",
            scope: "-",
            tenant: "own",
            state: 'a"b',
          },
          request: { method: "GET", path: "/v1/agents/agt_1", headers: {} },
          expected: { status: 404, code: "not_found", challenge: null },
          actual: { status: 200, code: null, challenge: null },
          problems: ["status 200, expected 404"],
        },
      ],
    };
    const xml = toJunit(report);
    expect(xml).toContain("&lt;x&gt;");
    expect(xml).toContain("a&quot;b");
    expect(xml).toContain('name="latchkey verify http://a&amp;b"');
    expect(xml).not.toMatch(/<x>/);
  });
});
