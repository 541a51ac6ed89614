// `latchkey verify` as CI runs it: exit 0/1/2, the summary table, --json and --junit files,
// and no credential anywhere in what it prints or writes.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenPatterns } from "../../src/generated/security.js";
import type { VerifyReport } from "../../verify/index.js";
import { type Cli, startCli, waitForBanner } from "../mock/server/startCli.js";
import { type BrokenProxy, startBrokenProxy } from "./brokenProxy.js";

const secretPatterns = Object.values(tokenPatterns).map(
  (pattern) => new RegExp(pattern.slice(1, -1).replace("(test|live)", "(test|live)")),
);

let sandbox: Cli;
let proxy: BrokenProxy;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "latchkey-verify-"));
  sandbox = startCli(["sandbox", "--port", "0", "--quiet"]);
  proxy = await startBrokenProxy(
    (await waitForBanner(sandbox)).url,
    "ignores scopes on listAgents",
  );
}, 60_000);
afterAll(async () => {
  await proxy?.close();
  await sandbox?.kill();
  rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[]) {
  const cli = startCli(["verify", ...args]);
  const code = await cli.exited;
  return { code, stdout: cli.stdout(), stderr: cli.stderr() };
}

describe("latchkey verify (the command)", () => {
  it("prints its help and exits 0", async () => {
    const { code, stdout } = await run(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("--base-url URL");
    expect(stdout).toContain("--junit FILE");
  });

  it("exits 2 with a sentence when --base-url is missing", async () => {
    const { code, stderr } = await run([]);
    expect(code).toBe(2);
    expect(stderr).toContain("--base-url is required.");
  });

  it("exits 2 when the target cannot be reached", async () => {
    const { code, stderr } = await run(["--base-url", "http://127.0.0.1:9"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/failed: .*Is the target running at http:\/\/127\.0\.0\.1:9\?/);
  });

  it("exits 2 for an operation id the spec does not have", async () => {
    const { code, stderr } = await run(["--base-url", proxy.url, "--only", "listAgnets"]);
    expect(code).toBe(2);
    expect(stderr).toContain("no secured operation is called listAgnets");
  });

  it("exits 1 on a mismatch, names the operation, and writes --json and --junit without secrets", async () => {
    const json = join(dir, "report.json");
    const junit = join(dir, "report.xml");
    const args = [
      "--base-url",
      proxy.url,
      "--only",
      "listAgents",
      "--json",
      json,
      "--junit",
      junit,
    ];
    const { code, stdout } = await run([...args, "--concurrency", "4", "--max-rps", "2000"]);
    expect(code).toBe(1);
    const report = JSON.parse(readFileSync(json, "utf8")) as VerifyReport;
    const scopeBreaks = report.mismatches.filter((m) => m.expected.code === "insufficient_scope");
    expect(scopeBreaks.length).toBeGreaterThan(0);
    expect(stdout).toMatch(/^listAgents\s+\d+\s+\d+\s+\d+$/m);
    expect(stdout).toContain("✗ listAgents");
    expect(stdout).toMatch(/mismatches in \d+ cells against .* in [\d.]+ s, \d+ cells\/s\./);
    const xml = readFileSync(junit, "utf8");
    expect(xml).toMatch(/^<\?xml version="1.0"/);
    expect(xml).toContain('<testsuite name="listAgents"');
    expect((xml.match(/<failure /g) ?? []).length).toBe(report.mismatches.length);
    for (const text of [stdout, readFileSync(json, "utf8"), xml]) {
      for (const pattern of secretPatterns) expect(text).not.toMatch(pattern);
    }
  }, 120_000);
});
