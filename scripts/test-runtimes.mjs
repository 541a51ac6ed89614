// `npm run test:runtimes`: runs test/runtimes/smoke.mjs (which imports the BUILT dist/index.js)
// under every runtime the SDK promises (docs/decisions/runs-anywhere.md), against one standalone sandbox.
// Builds nothing: run `npm run build` first. Exits non-zero if any runtime fails.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const rootDir = fileURLToPath(new URL("..", import.meta.url));
const smoke = "test/runtimes/smoke.mjs";
// The first run of a runtime downloads it from the npm registry, hence the generous limit.
const runtimeTimeoutMs = 240_000;
const sandboxStartTimeoutMs = 20_000;

const runtimes = [
  { label: `node ${process.version} (current)`, command: process.execPath, args: [smoke] },
  { label: "node 22 (npx node@22)", command: "npx", args: ["-y", "node@22", smoke] },
  { label: "node 24 (npx node@24)", command: "npx", args: ["-y", "node@24", smoke] },
  {
    label: "deno 2.9.6 (npx deno@2.9.6)",
    command: "npx",
    // --no-lock: a smoke run must not leave a deno.lock in the checkout.
    args: [
      "-y",
      "deno@2.9.6",
      "run",
      "--no-lock",
      "--allow-net",
      "--allow-read",
      "--allow-env",
    ].concat(smoke),
  },
  { label: "bun 1.4.5 (npx bun@1.4.5)", command: "npx", args: ["-y", "bun@1.4.5", smoke] },
];

/** Runs a command to completion; never rejects. */
function run(command, args, env, timeoutMs) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: rootDir, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      stderr += `\n(killed after ${timeoutMs / 1000} s)`;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("error", (error) => {
      stderr += `\n${error.message}`;
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, seconds: (performance.now() - started) / 1000 });
    });
  });
}

/** Starts `node dist/cli.js sandbox` on 127.0.0.1, port 0; resolves with its URL and the child. */
function startSandbox() {
  const child = spawn(
    process.execPath,
    ["dist/cli.js", "sandbox", "--host", "127.0.0.1", "--port", "0", "--strict", "--quiet"],
    { cwd: rootDir, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(
          `the sandbox printed no URL within ${sandboxStartTimeoutMs / 1000} s:\n${output}`,
        ),
      );
    }, sandboxStartTimeoutMs);
    const onData = (chunk) => {
      output += chunk;
      const match = /http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match && match[1] !== "0") {
        clearTimeout(timer);
        resolve({ url: match[0], child });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the sandbox exited (code ${code}) before printing its URL:\n${output}`));
    });
  });
}

/** SIGTERM (graceful shutdown), then SIGKILL if it is still there after 5 s. */
function stopSandbox(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

for (const file of ["dist/index.js", "dist/cli.js"]) {
  if (!existsSync(`${rootDir}/${file}`)) {
    console.error(`test:runtimes: ${file} is missing; run \`npm run build\` first.`);
    process.exit(1);
  }
}

const { url, child: sandbox } = await startSandbox();
console.log(`sandbox at ${url}`);
let failed = 0;
try {
  const env = { ...process.env, LATCHKEY_SANDBOX_URL: url, DENO_NO_UPDATE_CHECK: "1" };
  for (const runtime of runtimes) {
    const result = await run(runtime.command, runtime.args, env, runtimeTimeoutMs);
    const summary = result.stdout.trim().split("\n").at(-1) ?? "";
    const seconds = `${result.seconds.toFixed(1)} s`;
    if (result.code === 0 && summary.startsWith("ok ")) {
      console.log(`PASS  ${runtime.label.padEnd(30)} ${summary} (${seconds})`);
    } else {
      failed++;
      console.log(
        `FAIL  ${runtime.label.padEnd(30)} exit ${result.code ?? result.signal} (${seconds})`,
      );
      const output = `${result.stdout}${result.stderr}`.trim();
      if (output) console.log(output.replace(/^/gm, "      | "));
    }
  }
} finally {
  await stopSandbox(sandbox);
}
// Not "N passed, N failed": .ci/run prints that line once, for every test of the run.
console.log(`runtimes: ${runtimes.length - failed} of ${runtimes.length} ok`);
process.exitCode = failed === 0 ? 0 : 1;
