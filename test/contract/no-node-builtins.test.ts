import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { rootDir } from "./spec";

// The SDK runs in browsers, Deno, Bun and edge runtimes (docs/decisions/runs-anywhere.md): src/ may use only what
// every runtime has. tsconfig includes Node's types for the tests and scripts, so the compiler
// would not object; this check does. src/generated is written by the generator and exempt.

const builtins = builtinModules.filter((name) => !name.startsWith("_")).join("|");
const rules: Array<[string, RegExp]> = [
  ["imports a node: module", /\bfrom\s+["']node:|\b(?:import|require)\s*\(\s*["']node:/],
  ["imports a Node built-in", new RegExp(`\\bfrom\\s+["'](?:${builtins})(?:/[^"']*)?["']`)],
  ["requires a module", /\brequire\s*\(/],
  ["uses process.", /\bprocess\s*\./],
  ["uses Buffer", /\bBuffer\b/],
  ["uses __dirname or __filename", /\b__(?:dirname|filename)\b/],
  ["uses setImmediate", /\bsetImmediate\b/],
];

/** Strips comments so prose that mentions `process.env` doesn't count as using it. */
function code(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

/** Every rule `source` breaks, as "line N: what". */
function nodeOnlyUses(source: string): string[] {
  const found: string[] = [];
  code(source)
    .split("\n")
    .forEach((line, index) => {
      for (const [what, pattern] of rules) {
        if (pattern.test(line)) found.push(`line ${index + 1}: ${what}`);
      }
    });
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return path === join(rootDir, "src", "generated") ? [] : sourceFiles(path);
    return /\.[cm]?[jt]sx?$/.test(entry.name) ? [path] : [];
  });
}

describe("src/ uses no Node built-ins", () => {
  const files = sourceFiles(join(rootDir, "src"));

  it("there are source files to check", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((file) => relative(rootDir, file)))(
    "%s uses only web-platform APIs",
    (file) => {
      expect(nodeOnlyUses(readFileSync(join(rootDir, file), "utf8"))).toEqual([]);
    },
  );

  it("the check catches each kind of Node-only use", () => {
    const offending = [
      'import { createHmac } from "node:crypto";',
      'import fs from "fs";',
      'const { join } = await import("node:path");',
      'const x = require("./x");',
      "const key = process.env.KEY;",
      'const bytes = Buffer.from("x");',
      "const here = __dirname;",
      "setImmediate(run);",
    ];
    for (const line of offending) expect(nodeOnlyUses(line), line).not.toEqual([]);
  });

  it("the check allows web-platform code and comments about Node", () => {
    const fine = [
      'import createClient from "openapi-fetch";',
      'import { paths } from "./generated/schema";',
      "const bytes = new TextEncoder().encode(secret);",
      "// unlike process.env in Node, nothing global is read here",
      "/* Buffer is not available in browsers */",
      'const url = "https://example.test/path";',
    ];
    for (const line of fine) expect(nodeOnlyUses(line), line).toEqual([]);
  });
});
