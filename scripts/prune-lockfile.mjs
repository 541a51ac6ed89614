// The registry this project installs from lacks some other platforms' optional binaries (for
// example @biomejs/cli-android-arm64), so npm writes a lockfile that its own `npm ci` rejects as
// "Missing: … from lock file". This drops the optional edges the lockfile cannot satisfy.
// Run after any `npm install` that changes package-lock.json: `npm run lock:prune`.
import { readFileSync, writeFileSync } from "node:fs";

const file = process.argv[2] ?? "package-lock.json";
const lock = JSON.parse(readFileSync(file, "utf8"));
const has = (from, name) => {
  let dir = from;
  for (;;) {
    const key = `${dir ? `${dir}/` : ""}node_modules/${name}`;
    if (lock.packages[key]) return true;
    if (!dir) return false;
    const i = dir.lastIndexOf("/node_modules/");
    dir = i < 0 ? "" : dir.slice(0, i);
  }
};
let dropped = 0;
for (const [path, pkg] of Object.entries(lock.packages)) {
  for (const name of Object.keys(pkg.optionalDependencies ?? {})) {
    if (!has(path, name)) {
      delete pkg.optionalDependencies[name];
      dropped++;
    }
  }
}
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`dropped ${dropped} unresolvable optional edges`);
