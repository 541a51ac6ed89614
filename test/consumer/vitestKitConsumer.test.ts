// The testing kit as a user gets it: `npm pack` the build, install the tarball and vitest into an
// empty project holding examples/vitest-kit, and run its suite — which uses every fixture and
// test.concurrent — in-process, then against a standalone `latchkey sandbox` started from the
// installed package on 127.0.0.1 port 0.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rootDir } from "../mock/server/startCli.js";

const run = promisify(execFile);
const vitestVersion = (
  JSON.parse(readFileSync(join(rootDir, "node_modules/vitest/package.json"), "utf8")) as {
    version: string;
  }
).version;

interface Report {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  testResults: { assertionResults: { title: string; status: string }[] }[];
}

describe("a consumer project using latchkey/vitest from the packed tarball", () => {
  const project = mkdtempSync(join(tmpdir(), "latchkey-consumer-"));
  let server: ChildProcess | undefined;

  beforeAll(async () => {
    if (!existsSync(join(rootDir, "dist/vitest.js"))) {
      throw new Error("dist/ is missing: run `npm run build` first (npm test does).");
    }
    cpSync(join(rootDir, "examples/vitest-kit"), project, {
      recursive: true,
      filter: (source) => !source.includes("node_modules"),
    });
    const { stdout } = await run("npm", ["pack", "--pack-destination", project, "--silent"], {
      cwd: rootDir,
    });
    const tarball = join(project, stdout.trim().split("\n").pop() ?? "");
    // From npm's cache where it can: the same packages the repository installed.
    await run(
      "npm",
      [
        "install",
        "--prefer-offline",
        "--no-audit",
        "--no-fund",
        "--ignore-scripts",
        tarball,
        `vitest@${vitestVersion}`,
      ],
      { cwd: project, timeout: 150_000 },
    );
  }, 180_000);

  afterAll(() => {
    server?.kill("SIGKILL");
    rmSync(project, { recursive: true, force: true });
  });

  let runs = 0;
  const vitestRun = async (env: Record<string, string>, files: string[] = []) => {
    const output = join(project, `report-${++runs}.json`);
    const result = await run(
      process.execPath,
      [
        "node_modules/vitest/vitest.mjs",
        "run",
        "--reporter=json",
        `--outputFile=${output}`,
        ...files,
      ],
      { cwd: project, env: { ...process.env, NO_COLOR: "1", ...env }, timeout: 90_000 },
    ).catch((error: { stdout?: string; stderr?: string }) => error);
    if (!existsSync(output)) throw new Error(`vitest wrote no report:\n${result.stderr}`);
    const report = JSON.parse(readFileSync(output, "utf8")) as Report;
    return { report, output: `${result.stdout ?? ""}\n${result.stderr ?? ""}` };
  };
  const vitest = async (env: Record<string, string>): Promise<Report> =>
    (await vitestRun(env)).report;

  /** The example's failing request assertion: its message and the kit's print of refusals. */
  const expectFailureExplained = async (env: Record<string, string>) => {
    // Present only for this run, so the example's own suite never holds a failing test.
    const failing = join(project, "test/refusedInvoke.test.ts");
    cpSync(join(rootDir, "test/consumer/fixtures/refusedInvoke.failing.ts"), failing);
    const { report, output } = await vitestRun(env, [
      "--reporter=default",
      "test/refusedInvoke.test.ts",
    ]).finally(() => rmSync(failing));
    const failed = report.testResults
      .flatMap((file) => file.assertionResults)
      .filter((test) => test.status === "failed");
    expect(failed.map((test) => test.title)).toEqual([
      "fails: invokes an agent with the owner's key",
    ]);
    const message = JSON.stringify(failed);
    expect(message).toContain("403 credential_kind_not_allowed");
    expect(message).toContain("✗ credential_kind");
    expect(output).toMatch(/1 request was refused in workspace ws_\w+ during this test/);
    expect(output).toMatch(/✗ credential_kind +Call this operation with an agent key/);
    expect(message).not.toMatch(/lk_usr_test_\w{32}/);
    expect(output).not.toMatch(/lk_usr_test_\w{32}/);
  };

  const expectAllPassed = (report: Report) => {
    const failed = report.testResults
      .flatMap((file) => file.assertionResults)
      .filter((test) => test.status !== "passed")
      .map((test) => `${test.title}: ${test.status}`);
    expect(failed).toEqual([]);
    const titles = report.testResults.flatMap((file) => file.assertionResults.map((t) => t.title));
    expect(titles.filter((title) => title.startsWith("concurrent test"))).toHaveLength(3);
    expect(report.numPassedTests).toBe(report.numTotalTests);
    expect(report.numTotalTests).toBeGreaterThanOrEqual(12);
  };

  it("passes in-process (no LATCHKEY_SANDBOX_URL)", async () => {
    expectAllPassed(await vitest({ LATCHKEY_SANDBOX_URL: "" }));
  }, 120_000);

  it("explains a failing request assertion in-process, with the decision chain", async () => {
    await expectFailureExplained({ LATCHKEY_SANDBOX_URL: "" });
  }, 120_000);

  it("passes against a standalone sandbox, one workspace per test over HTTP", async () => {
    const child = spawn(
      process.execPath,
      ["node_modules/latchkey/dist/cli.js", "sandbox", "--port", "0", "--strict"],
      { cwd: project, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } },
    );
    server = child;
    let log = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      log += chunk;
    });
    const deadline = Date.now() + 15_000;
    while (!/listening on (http\S+)/.test(log) && Date.now() < deadline && child.exitCode === null)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const url = /listening on (http\S+)/.exec(log)?.[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const before = log.split("\n").filter((line) => line.includes("/_sandbox/workspaces")).length;

    const report = await vitest({ LATCHKEY_SANDBOX_URL: url ?? "" });
    expectAllPassed(report);
    // The suite really ran against the server: a workspace provisioned over HTTP per test.
    const provisioned =
      log.split("\n").filter((line) => line.includes("/_sandbox/workspaces")).length - before;
    expect(provisioned).toBeGreaterThanOrEqual(report.numTotalTests);
    await expectFailureExplained({ LATCHKEY_SANDBOX_URL: url ?? "" });
  }, 180_000);
});
