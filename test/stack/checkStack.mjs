// First step of every leg, run by the leg's Node in its project: this is the Node the leg names,
// `npm ls` finds no problem (a missing or unmet peer exits non-zero), and every pinned package is
// installed at its pinned version and expected major, so no leg quietly runs another stack.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const manifest = JSON.parse(readFileSync("package.json", "utf8"));
const { node, majors } = manifest.latchkeyStack;
const problems = [];

if (process.version !== `v${node}`) problems.push(`Node is ${process.version}, not v${node}`);

const npmCli = process.env.LATCHKEY_NPM_CLI;
if (!npmCli) throw new Error("LATCHKEY_NPM_CLI (npm's npm-cli.js) is not set");
let listing;
try {
  listing = execFileSync(process.execPath, [npmCli, "ls", "--all", "--json"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
} catch (error) {
  problems.push(`npm ls exited with ${error.status}`);
  listing = error.stdout;
}
const tree = JSON.parse(listing);
for (const problem of tree.problems ?? []) problems.push(`npm ls: ${problem}`);

const installed = tree.dependencies ?? {};
for (const [name, pinned] of Object.entries(manifest.devDependencies)) {
  const version = installed[name]?.version;
  if (version !== pinned) problems.push(`${name} is ${version ?? "missing"}, pinned ${pinned}`);
}
for (const [name, major] of Object.entries(majors)) {
  const version = installed[name]?.version ?? "";
  if (Number(version.split(".")[0]) !== major) {
    problems.push(`${name} ${version || "missing"} is not major ${major}`);
  }
}
if (!installed.latchkey?.version) problems.push("latchkey is not installed");

if (problems.length > 0) {
  console.error(`stack check failed:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
const shown = Object.keys(majors).map((name) => `${name} ${installed[name].version}`);
console.log(
  `stack: Node ${process.version}, ${shown.join(", ")}, latchkey ${installed.latchkey.version}`,
);
