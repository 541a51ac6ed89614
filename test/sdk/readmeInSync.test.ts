// The SDK examples of the README and of docs/sdk.md and docs/sandbox.md (where the README's
// details moved) must be the code readmeExamples.test.ts runs, so they cannot rot.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const examples = readFileSync(new URL("./readmeExamples.test.ts", import.meta.url), "utf8");
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const guides = ["../../docs/sdk.md", "../../docs/sandbox.md"]
  .map((path) => readFileSync(new URL(path, import.meta.url), "utf8"))
  .join("\n");

/** Each `// README: title` … `// /README` block, dedented. */
function blocks(source: string): { title: string; code: string }[] {
  const found: { title: string; code: string }[] = [];
  const pattern = /^([ \t]*)\/\/ README: (.+)\n([\s\S]*?)^[ \t]*\/\/ \/README$/gm;
  for (const [, indent = "", title = "", body = ""] of source.matchAll(pattern)) {
    const code = body
      .split("\n")
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line.trimStart()))
      .join("\n")
      .trimEnd();
    found.push({ title, code });
  }
  return found;
}

describe("the README and the SDK guides", () => {
  const snippets = blocks(examples);

  it("has the examples that readmeExamples.test.ts runs", () => {
    expect(snippets.length).toBeGreaterThanOrEqual(7);
  });

  it.each(snippets.map((snippet) => [snippet.title, snippet.code]))(
    "shows the example '%s' exactly as the test runs it",
    (_title, code) => {
      expect(`${readme}\n${guides}`).toContain(code);
    },
  );
});

describe("the README's complete examples", () => {
  const examples = readdirSync(new URL("../../examples/", import.meta.url)).filter(
    (name) => name !== "README.md",
  );

  it.each(examples)("links examples/%s", (name) => {
    expect(readme).toMatch(new RegExp(`\\]\\(examples/${name.replace(/\./g, "\\.")}[/)]`));
  });
});
