// `npm pack` of the working tree, built in a copy of its tracked files (node_modules linked), so
// the matrix never builds into, or reads half-written files from, the dist/ other tests use.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";

/** Packs `repo` into `work`; returns the tarball's path. */
export function packTarball(repo, work, env) {
  const clone = join(work, "clone");
  const tracked = execFileSync("git", ["ls-files", "-co", "--exclude-standard"], {
    cwd: repo,
    encoding: "utf8",
  });
  for (const file of tracked.split("\n")) {
    if (!file || file.startsWith("node_modules/") || file.startsWith("dist/")) continue;
    if (file === "docs/index.html") continue;
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    try {
      cpSync(join(repo, file), join(clone, file));
    } catch {
      // Deleted in the working tree but still listed: a fresh clone would not have it either.
    }
  }
  symlinkSync(join(repo, "node_modules"), join(clone, "node_modules"), "dir");
  // `npm pack` runs `prepare` (scripts/ensureBuilt.mjs), which builds the copy in full.
  const out = execFileSync("npm", ["pack", "--json", "--pack-destination", work], {
    cwd: clone,
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [packed] = JSON.parse(out.slice(out.indexOf("[")));
  return join(work, packed.filename);
}
