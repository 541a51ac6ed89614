// `latchkey verify` against a real `latchkey sandbox` process: thousands of cells, all derived
// from the spec, and no mismatch at all (the two the first run found were fixed by issue 7).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenPatterns } from "../../src/generated/security.js";
import { createNodeFetch } from "../../verify/cli/nodeFetch.js";
import { type VerifyReport, verify } from "../../verify/index.js";
import { readSpecOperations } from "../../verify/specModel.js";
import { type Cli, startCli, waitForBanner } from "../mock/server/startCli.js";

describe("latchkey verify against latchkey sandbox", () => {
  let cli: Cli;
  let report: VerifyReport;

  beforeAll(async () => {
    cli = startCli(["sandbox", "--port", "0", "--quiet"]);
    const banner = await waitForBanner(cli);
    // The CLI's fetch: the whole matrix is the slowest test, and this costs a third less CPU.
    report = await verify({ baseUrl: banner.url, concurrency: 8, fetch: createNodeFetch(8) });
  }, 240_000);
  afterAll(() => cli?.kill());

  it("runs at least 3,000 cells", () => {
    expect(report.target).toBe("sandbox");
    expect(report.cells).toBeGreaterThanOrEqual(3000);
    expect(report.skipped).toEqual([]);
  });

  it("finds no mismatch but the findings already reported", () => {
    const unexpected = report.mismatches;
    expect(
      unexpected.map((m) => `${m.operation} ${JSON.stringify(m.label)}: ${m.problems.join("; ")}`),
    ).toEqual([]);
  });

  it("verifies every secured operation of the spec, under every header scheme", () => {
    const ops = readSpecOperations();
    expect(report.operations.map((row) => row.operation).sort()).toEqual(
      ops.map((op) => op.id).sort(),
    );
    const byOp = new Map(report.operations.map((row) => [row.operation, row]));
    for (const op of ops) expect(byOp.get(op.id)?.cells).toBeGreaterThan(60);
  });

  it("passes the cells whose answers its mismatches are compared with", () => {
    expect(report.passed + report.mismatches.length).toBe(report.cells);
    expect(report.passed).toBeGreaterThan(3000);
  });

  it("never puts a credential in its report", () => {
    const text = JSON.stringify(report);
    for (const pattern of Object.values(tokenPatterns)) {
      const unanchored = new RegExp(pattern.slice(1, -1).replace("(test|live)", "test"));
      expect(unanchored.test(text)).toBe(false);
    }
  });
});
