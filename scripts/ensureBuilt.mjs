// `npm run prepare` (run by `npm install` in a checkout, by `npm pack`, and when a project
// installs latchkey from a git URL) and the first step of `npm start`: bring dist/ and
// docs/index.html up to date. A stale build is redone in full, types included, never in part:
// `npm pack` after `npm start` must ship the same package as after `npm run build`.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** What `npm run build` writes; all of them must exist and be newer than every input. */
export const buildOutputs = [
  "index.js",
  "index.cjs",
  "index.d.ts",
  "index.d.cts",
  "mock.js",
  "mock.cjs",
  "mock.d.ts",
  "mock.d.cts",
  "cli.js",
].map((name) => join("dist", name));
const buildInputs = ["src", "mock", "openapi.yaml", "package.json", "tsup.config.ts"];
const docsInputs = [
  "openapi.yaml",
  "scripts/build-docs.ts",
  "scripts/docs",
  "mock/server/docsStarterKey.ts",
  "node_modules/@scalar/api-reference/package.json",
];

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let found = stat.mtimeMs;
  for (const entry of readdirSync(path)) found = Math.max(found, newest(join(path, entry)));
  return found;
}

/** True when every output exists and is newer than every input (paths relative to `dir`). */
export function isFresh(dir, outputs, inputs) {
  const at = (path) => join(dir, path);
  if (!outputs.every((path) => existsSync(at(path)))) return false;
  const oldestOutput = Math.min(...outputs.map((path) => statSync(at(path)).mtimeMs));
  const newestInput = Math.max(
    ...inputs.filter((p) => existsSync(at(p))).map((p) => newest(at(p))),
  );
  return oldestOutput >= newestInput;
}

function run(script) {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const result = spawnSync(npm, ["run", "-s", script], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Builds dist/ and the docs if either is older than its sources; exits on a failed build. */
export function ensureBuilt() {
  if (!isFresh(root, buildOutputs, buildInputs)) run("build");
  if (!isFresh(root, ["docs/index.html", "docs/index.html.gz"], docsInputs)) run("docs");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) ensureBuilt();
