// Sandboxes broken on purpose, each through a proxy that changes one rule: `latchkey verify`
// finds every break and names the operation it broke, and reports nothing else.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type VerifyReport, verify } from "../../verify/index.js";
import { type Cli, startCli, waitForBanner } from "../mock/server/startCli.js";
import { type Break, startBrokenProxy } from "./brokenProxy.js";

let cli: Cli;
let upstream: string;

beforeAll(async () => {
  cli = startCli(["sandbox", "--port", "0", "--quiet"]);
  upstream = (await waitForBanner(cli)).url;
}, 60_000);
afterAll(() => cli?.kill());

async function verifyThrough(broken: Break, operations: string[]): Promise<VerifyReport> {
  const proxy = await startBrokenProxy(upstream, broken);
  try {
    return await verify({ baseUrl: proxy.url, sandbox: true, operations });
  } finally {
    await proxy.close();
  }
}

const found = (report: VerifyReport) => report.mismatches;

describe("latchkey verify against broken sandboxes", () => {
  it("finds a sandbox that ignores scopes on listAgents, and names listAgents only", async () => {
    const report = await verifyThrough("ignores scopes on listAgents", ["listAgents", "getAgent"]);
    const mismatches = found(report);
    expect(mismatches.length).toBeGreaterThan(0);
    expect(new Set(mismatches.map((m) => m.operation))).toEqual(new Set(["listAgents"]));
    expect(
      mismatches.every((m) => m.expected.code === "insufficient_scope" && m.actual.status === 200),
    ).toBe(true);
    expect(report.operations.find((row) => row.operation === "getAgent")?.mismatches ?? 0).toBe(
      report.mismatches.filter((m) => m.operation === "getAgent").length,
    );
  }, 120_000);

  it("finds a sandbox that shows another workspace's agent, and names getAgent only", async () => {
    const report = await verifyThrough("shows another workspace's agent", [
      "getAgent",
      "listAgents",
    ]);
    const mismatches = found(report);
    expect(mismatches.length).toBeGreaterThan(0);
    expect(new Set(mismatches.map((m) => m.operation))).toEqual(new Set(["getAgent"]));
    expect(mismatches.every((m) => m.label.tenant === "other" && m.expected.status === 404)).toBe(
      true,
    );
  }, 120_000);

  it("finds a sandbox that accepts a revoked key, on every operation tried", async () => {
    const report = await verifyThrough("accepts a revoked key", ["listAgents", "getJob"]);
    const mismatches = found(report);
    expect(new Set(mismatches.map((m) => m.operation))).toEqual(new Set(["listAgents", "getJob"]));
    expect(
      mismatches.every((m) => m.label.state === "revoked" && m.expected.code === "token_revoked"),
    ).toBe(true);
  }, 120_000);
});
