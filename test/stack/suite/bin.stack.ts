// The installed `latchkey` bin, run by this leg's Node: `latchkey sandbox` on 127.0.0.1 port 0,
// then `latchkey verify` against it over HTTP (one operation's cells, to stay quick).
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, expect, test } from "vitest";

const bin = "node_modules/.bin/latchkey";
const run = promisify(execFile);
let sandbox: ChildProcess | undefined;

afterAll(() => {
  sandbox?.kill("SIGTERM");
});

async function startSandbox(): Promise<string> {
  const child = spawn(process.execPath, [bin, "sandbox", "--port", "0", "--quiet"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  sandbox = child;
  let log = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    log += chunk;
  });
  return new Promise((resolve, reject) => {
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      log += chunk;
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log)?.[1];
      if (url) resolve(url);
    });
    child.on("exit", (code) => reject(new Error(`latchkey sandbox exited with ${code}:\n${log}`)));
  });
}

test("latchkey sandbox serves, and latchkey verify finds no mismatch on listAgents", async () => {
  const url = await startSandbox();
  expect((await fetch(`${url}/_sandbox/health`)).status).toBe(200);
  const { stdout } = await run(process.execPath, [
    bin,
    "verify",
    "--base-url",
    url,
    "--only",
    "listAgents",
  ]);
  expect(stdout).toMatch(/listAgents\s+(\d+)\s+\1\s+0\b/);
  expect(stdout).toMatch(/✓ \d+ cells, 0 mismatches/);
}, 60_000);
