// The testing-kit guide's examples (docs/testing-kit.md, where the README's details moved) must
// be the code examples/vitest-kit runs (the consumer test runs it from the packed tarball).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const example = ["agentDirectory.test.ts", "requests.test.ts"]
  .map((file) =>
    readFileSync(new URL(`../../examples/vitest-kit/test/${file}`, import.meta.url), "utf8"),
  )
  .join("\n");
// The kit's blocks are shown in docs/testing-kit.md, the request assertions in the README too.
const readme = ["../../docs/testing-kit.md", "../../README.md"]
  .map((path) => readFileSync(new URL(path, import.meta.url), "utf8"))
  .join("\n");

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

describe("docs/testing-kit.md and the README", () => {
  const found = blocks(example);

  it("has every marked block of examples/vitest-kit", () => {
    expect(found.map(([title]) => title)).toEqual(["fixtures", "faults", "assertions"]);
  });

  it.each(found)("shows the example block '%s' exactly as the example runs it", (_title, code) => {
    expect(readme).toContain(code);
  });
});
