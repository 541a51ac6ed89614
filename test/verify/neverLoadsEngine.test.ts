// `latchkey verify` derives what to expect from the spec alone: no file of verify/ imports the
// sandbox (mock/), and the built latchkey/verify entry contains none of its code.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rootDir } from "../mock/server/startCli.js";

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : entry.name.endsWith(".ts")
        ? [join(dir, entry.name)]
        : [],
  );
}

describe("latchkey verify never loads the implementation it checks", () => {
  it("no verify/ source imports anything under mock/", () => {
    const offenders = sources(join(rootDir, "verify")).filter((file) =>
      /from\s+["'](?:\.\.\/)+mock\//.test(readFileSync(file, "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it.runIf(existsSync(join(rootDir, "dist", "verify.js")))(
    "the built entry has no engine code",
    () => {
      const built = readFileSync(join(rootDir, "dist", "verify.js"), "utf8");
      const chunks = [...built.matchAll(/from "\.\/(chunk-\w+\.js)"/g)].map((m) =>
        readFileSync(join(rootDir, "dist", m[1] as string), "utf8"),
      );
      for (const text of [built, ...chunks]) expect(text).not.toMatch(/mock\/engine\//);
    },
  );
});
