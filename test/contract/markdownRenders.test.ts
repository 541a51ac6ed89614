// The project's Markdown must render as its author sees it. A fence line straight after another
// (```ts then ```ts) reads fine in an editor, but CommonMark opens a block at the first and
// closes it at the second, so the prose after it becomes code and headings vanish. This renders
// each file with the CommonMark reference parser and compares it with a plain line reading.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Parser } from "commonmark";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url);
const files = [
  "README.md",
  ...listMarkdown("docs"),
  "bench/RESULTS.md",
  ...listMarkdown("docs/decisions"),
  ...listMarkdown("examples"),
  "docs/design.md",
].filter((file) => existsSync(new URL(file, root)));

function listMarkdown(dir: string): string[] {
  const url = new URL(`${dir}/`, root);
  if (!existsSync(url)) return [];
  return readdirSync(url)
    .filter((name) => name.endsWith(".md"))
    .map((name) => join(dir, name));
}

/** Letters and digits only, so `## The SDK: \`latchkey\`` and its rendered text compare equal. */
const plain = (text: string) => text.replace(/[^\p{L}\p{N}]+/gu, "").toLowerCase();

const fence = /^ {0,3}(`{3,}|~{3,})/;

/** Headings as the author wrote them: `#` lines, skipping lines between a fence and the next. */
function sourceHeadings(markdown: string): string[] {
  const headings: string[] = [];
  let inFence = false;
  for (const line of markdown.split("\n")) {
    if (fence.test(line)) inFence = !inFence;
    else if (!inFence && /^ {0,3}#{1,6}\s/.test(line)) {
      headings.push(plain(line.replace(/^ {0,3}#{1,6}\s/, "")));
    }
  }
  return headings;
}

/** What a CommonMark renderer makes of the file: its headings and its code blocks' text. */
function rendered(markdown: string): { headings: string[]; code: string[] } {
  const walker = new Parser().parse(markdown).walker();
  const headings: string[] = [];
  const code: string[] = [];
  let heading: string | undefined;
  for (let step = walker.next(); step; step = walker.next()) {
    const { node, entering } = step;
    if (node.type === "heading") {
      if (entering) heading = "";
      else {
        headings.push(plain(heading ?? ""));
        heading = undefined;
      }
    } else if (heading !== undefined && (node.type === "text" || node.type === "code")) {
      heading += node.literal ?? "";
    } else if (node.type === "code_block") {
      code.push(node.literal ?? "");
    }
  }
  return { headings, code };
}

describe.each(files)("%s rendered as CommonMark", (file) => {
  const markdown = readFileSync(new URL(file, root), "utf8");
  const output = rendered(markdown);

  it("keeps every heading of the source a heading", () => {
    expect(output.headings).toEqual(sourceHeadings(markdown));
  });

  it("has no code block that holds a fence line", () => {
    const withFence = output.code.filter((text) => text.split("\n").some((l) => fence.test(l)));
    expect(withFence).toEqual([]);
  });
});

describe("the rendering check", () => {
  it("fails a doubled fence: the heading after it is lost and a block holds a fence", () => {
    const broken = "# One\n\n```ts\n```ts\nconst a = 1;\n```\n```\n\n## Two\n";
    const output = rendered(broken);
    expect(sourceHeadings(broken)).toEqual(["one", "two"]);
    expect(output.headings).not.toEqual(sourceHeadings(broken));
  });

  it("passes a well-formed file", () => {
    const good = "# One\n\n```ts\nconst a = 1;\n```\n\n## Two `x`\n";
    expect(rendered(good).headings).toEqual(sourceHeadings(good));
    expect(rendered(good).code).toEqual(["const a = 1;\n"]);
  });
});
