// Every relative link in a Markdown file the package ships must point at a file the package
// ships too: a reader of node_modules/latchkey/README.md (or of the registry page, which shows
// the same files) must not meet a link to something that only exists in the repository.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { relativeLinks } from "./relativeLinks";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** What `npm pack` would put in the tarball (scripts skipped: nothing is built for this). */
function packedFiles(): string[] {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  const [packed] = JSON.parse(out.slice(out.indexOf("["))) as [{ files: { path: string }[] }];
  return packed.files.map((file) => file.path);
}

describe("links in the shipped files", () => {
  const files = packedFiles();
  const shipped = new Set(files);
  const isShipped = (path: string) =>
    shipped.has(path) || files.some((file) => file.startsWith(`${path.replace(/\/$/, "")}/`));
  const markdown = files.filter((file) => file.endsWith(".md"));

  it("the package ships its README and the docs it links", () => {
    expect(markdown).toContain("README.md");
  });

  it.each(markdown)("every relative link in %s points at a shipped file", (file) => {
    const text = readFileSync(join(root, file), "utf8");
    const broken = relativeLinks(text).filter(
      (target) => !isShipped(normalize(join(dirname(file), target))),
    );
    expect(broken).toEqual([]);
  });

  it("finds links of every form it checks", () => {
    const sample = [
      "[a](docs/a.md) ![b](shots/b.png#x) [c](<docs/c d.md>) [d](https://x.test/e) [e](#top)",
      '<img src="docs/f.png"> `[g](not/a/link.md)`',
    ].join("\n");
    expect(relativeLinks(sample)).toEqual([
      "docs/a.md",
      "shots/b.png",
      "docs/c d.md",
      "docs/f.png",
    ]);
  });
});
