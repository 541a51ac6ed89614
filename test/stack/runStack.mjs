// The consumer matrix (`npm run test:stack`, run by .ci/run): the packed tarball installed with a
// plain `npm install` into a fresh project per leg (legs/*.json: a Node and exact versions of msw,
// vitest, TypeScript), then, under that leg's Node: checkStack.mjs, a strict `tsc` over the suite
// (skipLibCheck: false), and the suite itself (suite/*.stack.ts, plus the README's testing-kit
// example, examples/vitest-kit). Fails when any leg fails.
// `npm run test:stack -- node24` runs only the legs whose file name contains "node24".
import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { packTarball } from "./packTarball.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..");
const only = process.argv.slice(2);
const reports = process.env.LATCHKEY_STACK_JSON_DIR; // CI: one vitest JSON report per leg
const npmCli =
  process.env.npm_execpath ??
  join(dirname(process.execPath), "../lib/node_modules/npm/bin/npm-cli.js");
if (!existsSync(npmCli)) throw new Error(`npm's CLI not found at ${npmCli}`);

// The outer `npm run` describes itself in npm_* variables; the inner npm runs must not inherit them.
const baseEnv = { ...process.env, NO_COLOR: "1", npm_config_update_notifier: "false" };
for (const key of Object.keys(baseEnv)) {
  if (key.startsWith("npm_") && key !== "npm_config_update_notifier") delete baseEnv[key];
}

const seconds = (started) => ((Date.now() - started) / 1000).toFixed(1);
const run = (command, args, options) => {
  console.log(`$ ${[command, ...args].join(" ")}`);
  const started = Date.now();
  execFileSync(command, args, { stdio: "inherit", ...options });
  console.log(`(${seconds(started)} s)`);
};

/** The path of the pinned Node's binary, fetched from the npm registry by npx (cached after). */
function nodeBinary(version) {
  if (process.version === `v${version}`) return process.execPath;
  return execFileSync("npx", ["-y", `node@${version}`, "-p", "process.execPath"], {
    env: baseEnv,
    encoding: "utf8",
  }).trim();
}

function runLeg(file, tarball, work) {
  const manifest = JSON.parse(readFileSync(join(here, "legs", file), "utf8"));
  const { node, majors } = manifest.latchkeyStack;
  const project = join(work, file.replace(/\.json$/, ""));
  const suite = readdirSync(join(here, "suite"), { withFileTypes: true }).filter((f) => f.isFile());
  for (const { name } of suite) cpSync(join(here, "suite", name), join(project, name));
  // The README's testing-kit example project (src/ and test/), run and type-checked on this stack.
  for (const dir of ["src", "test"]) {
    cpSync(join(repo, "examples", "vitest-kit", dir), join(project, dir), { recursive: true });
  }
  // The one file that names msw's unhandled-request option as the installed major does.
  cpSync(join(here, "suite", `msw${majors.msw}`, "mswListen.ts"), join(project, "mswListen.ts"));
  cpSync(join(here, "checkStack.mjs"), join(project, "checkStack.mjs"));
  const app = { ...manifest, dependencies: { latchkey: `file:${tarball}` } };
  writeFileSync(join(project, "package.json"), `${JSON.stringify(app, null, 2)}\n`);

  const nodeBin = nodeBinary(node);
  // The leg's Node first on PATH, so `#!/usr/bin/env node` in a bin runs it too.
  const env = {
    ...baseEnv,
    PATH: `${dirname(nodeBin)}${delimiter}${baseEnv.PATH}`,
    LATCHKEY_NPM_CLI: npmCli,
  };
  const options = { cwd: project, env };
  run(nodeBin, [npmCli, "install", "--no-audit", "--no-fund", "--prefer-offline"], options);
  run(nodeBin, ["checkStack.mjs"], options);
  run(nodeBin, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"], options);
  const report = join(reports ?? project, `stack-${file}`);
  const reporters = ["--reporter=default", "--reporter=json", `--outputFile.json=${report}`];
  run(nodeBin, ["node_modules/vitest/vitest.mjs", "run", ...reporters], options);
  // Every suite file ran and every test passed: a file left out of the copy fails the leg.
  const { numTotalTests, numPassedTests, testResults } = JSON.parse(readFileSync(report, "utf8"));
  const kitFiles = readdirSync(join(project, "test")).filter((name) => name.endsWith(".test.ts"));
  const expected = suite.filter(({ name }) => name.endsWith(".stack.ts")).length + kitFiles.length;
  if (testResults.length !== expected || numPassedTests !== numTotalTests) {
    throw new Error(
      `${testResults.length} of ${expected} suite files ran, ${numPassedTests} of ${numTotalTests} tests passed`,
    );
  }
}

const legs = readdirSync(join(here, "legs"))
  .filter((file) => file.endsWith(".json"))
  .filter((file) => only.length === 0 || only.some((part) => file.includes(part)))
  .sort();
if (legs.length === 0) throw new Error(`no leg matches ${only.join(", ")}`);

const started = Date.now();
const work = mkdtempSync(join(tmpdir(), "latchkey-stack-"));
const results = [];
try {
  const packStarted = Date.now();
  const tarball = packTarball(repo, work, baseEnv);
  results.push({ leg: "pack (build in a copy)", ok: true, time: seconds(packStarted) });
  for (const file of legs) {
    const legStarted = Date.now();
    console.log(`\n=== leg ${file}`);
    try {
      runLeg(file, tarball, work);
      results.push({ leg: file, ok: true, time: seconds(legStarted) });
    } catch (error) {
      console.error(`leg ${file} failed: ${error.message}`);
      results.push({ leg: file, ok: false, time: seconds(legStarted) });
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log("\nconsumer matrix:");
for (const { leg, ok, time } of results)
  console.log(`  ${ok ? "ok  " : "FAIL"} ${leg} (${time} s)`);
console.log(`  total ${seconds(started)} s`);
if (results.some((result) => !result.ok)) process.exit(1);
