// The library entries share their chunks with the CLI, whose build leaves `node:` imports
// external. So the build no longer refuses a Node built-in in the SDK or the engine by itself;
// this does, on what it built: every file the library entries load, followed import by import,
// must import no `node:` module (docs/decisions/runs-anywhere.md). Needs `npm run build` first.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const dist = fileURLToPath(new URL("../../dist/", import.meta.url));
const entries = ["index", "mock", "vitest", "verify"].flatMap((name) => [
  `${name}.js`,
  `${name}.cjs`,
]);
const localImport = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["'](\.\/[^"']+)["']/g;
const builtinImport = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["']node:[^"']+["']/;

/** The entry and every dist file it reaches through relative imports. */
function reachable(entry: string): string[] {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const [, target = ""] of readFileSync(join(dist, file), "utf8").matchAll(localImport)) {
      pending.push(target.slice(2));
    }
  }
  return [...seen];
}

describe("the built library entries use no Node built-ins", () => {
  it("the CLI, built with them, does (so the check below can see one)", () => {
    expect(readFileSync(join(dist, "cli.js"), "utf8")).toMatch(builtinImport);
  });

  it.each(entries)("%s and the chunks it loads import no node: module", (entry) => {
    expect(existsSync(join(dist, entry))).toBe(true);
    const files = reachable(entry);
    expect(files.length).toBeGreaterThan(entry.startsWith("index.") ? 0 : 1);
    const offending = files.filter((file) =>
      builtinImport.test(readFileSync(join(dist, file), "utf8")),
    );
    expect(offending).toEqual([]);
  });
});
