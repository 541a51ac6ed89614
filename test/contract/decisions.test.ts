// The reasoning a contributor needs lives in this repository (docs/decisions/), and the code
// points there: no comment may cite a document that is not in the repository.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url);
const tracked = execFileSync("git", ["ls-files", "-co", "--exclude-standard"], {
  cwd: root,
  encoding: "utf8",
})
  .split("\n")
  .filter((file) => /^(?:src|mock|test|scripts|bench|examples)\/.*\.(?:ts|mjs|js)$/.test(file))
  .filter((file) => !file.startsWith("src/generated/") && existsSync(new URL(file, root)))
  // This file names what it looks for.
  .filter((file) => file !== "test/contract/decisions.test.ts");
const decisions = readdirSync(new URL("docs/decisions/", root)).filter((f) => f !== "README.md");

describe("decisions a reader can find", () => {
  it("no source cites DESIGN.md or the brief, which are not in this repository", () => {
    const outside = /DESIGN\.md|\bthe brief\b/;
    const citing = tracked.filter((file) =>
      outside.test(readFileSync(new URL(file, root), "utf8")),
    );
    expect(citing).toEqual([]);
  });

  it("every docs/decisions/… file a source names exists", () => {
    const missing: string[] = [];
    for (const file of tracked) {
      const text = readFileSync(new URL(file, root), "utf8");
      for (const [, name] of text.matchAll(/docs\/decisions\/([\w.-]+\.md)/g)) {
        if (!decisions.includes(name ?? "")) missing.push(`${file}: ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("docs/decisions/README.md lists every decision", () => {
    const index = readFileSync(new URL("docs/decisions/README.md", root), "utf8");
    expect(decisions.filter((name) => !index.includes(`](${name})`))).toEqual([]);
  });

  it("the decisions cover the credential model, the error table, keyed digests, plain answers and the state file", () => {
    expect(decisions).toEqual(
      expect.arrayContaining([
        "credential-model.md",
        "error-table.md",
        "keyed-digests.md",
        "plain-engine-answers.md",
        "state-file.md",
      ]),
    );
  });
});
