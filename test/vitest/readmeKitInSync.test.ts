// The README's testing-kit examples must be the code examples/vitest-kit runs (the consumer test
// runs it from the packed tarball), so they cannot rot.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const example = ["agentDirectory.test.ts", "requests.test.ts"]
  .map((file) =>
    readFileSync(new URL(`../../examples/vitest-kit/test/${file}`, import.meta.url), "utf8"),
  )
  .join("\n");
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

/** Each `// README: title` … `// /README` block of the example, dedented. */
function blocks(source: string): [string, string][] {
  const pattern = /^([ \t]*)\/\/ README: (.+)\n([\s\S]*?)^[ \t]*\/\/ \/README$/gm;
  return [...source.matchAll(pattern)].map(([, indent = "", title = "", body = ""]) => [
    title,
    body
      .split("\n")
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line.trimStart()))
      .join("\n")
      .trimEnd(),
  ]);
}

describe("the README's testing-kit section", () => {
  const found = blocks(example);

  it("has every marked block of examples/vitest-kit", () => {
    expect(found.map(([title]) => title)).toEqual(["fixtures", "faults", "assertions"]);
  });

  it.each(found)("shows the example block '%s' exactly as the example runs it", (_title, code) => {
    expect(readme).toContain(code);
  });
});
