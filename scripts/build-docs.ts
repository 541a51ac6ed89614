// `npm run docs`: builds docs/index.html, the API reference, from openapi.yaml with Redocly.
// The page must open with no network at all (the sandbox serves it at /docs, often offline,
// in CI or on a plane), so Redoc's script is inlined, its CDN images are replaced with empty
// data URLs, telemetry is off (redocly.yaml), and the build fails if any remote load remains.
import { readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { OpenAPIDocument } from "./codegen/openapi-types";
import { annotateSpec } from "./docs/annotateSpec";
import { pageAdditions } from "./docs/pageAdditions";
import { runRedocly } from "./redocly";

export const docsTitle = "latchkey — Agent Platform API";

/**
 * Redoc's bundle hard-codes URLs it may load at view time: the "API docs by Redocly" logo, an
 * icon set, and the telemetry collector (unused once telemetry is off, but then nothing can
 * switch it back on). `data:,` is an empty local resource; the logo's error handler hides it.
 */
const remoteUrl =
  /https:\/\/(?:cdn\.redoc(?:ly)?\.(?:ly|com)|otel\.cloud\.redocly\.com)\/[^`"'\s)]*/g;

/** Anything that would make the browser fetch from the network on open. */
const remoteLoads: Array<[string, RegExp]> = [
  [
    "remote src/href on a non-link element",
    /<(?!a[\s>])[a-z]+\b[^<>]*\s(?:src|href)\s*=\s*["']?https?:/gi,
  ],
  ["remote CSS url()", /url\(\s*["']?https?:/gi],
  ["remote CSS @import", /@import\s+(?:url\()?\s*["']https?:/gi],
  [
    "a CDN, font or telemetry host",
    /(?:cdn\.redoc(?:ly)?\.|otel\.cloud\.redocly|fonts\.googleapis|fonts\.gstatic|unpkg\.com|jsdelivr\.net)/gi,
  ],
];

/** Every reason `html` would touch the network when opened, with a snippet of each. */
export function findRemoteLoads(html: string): string[] {
  const problems: string[] = [];
  for (const [what, pattern] of remoteLoads) {
    for (const match of html.matchAll(pattern)) {
      const at = match.index ?? 0;
      problems.push(`${what}: …${html.slice(Math.max(0, at - 40), at + 80).replace(/\s+/g, " ")}…`);
    }
  }
  if (!/"disableTelemetry":true/.test(html)) problems.push("Redoc telemetry is not disabled");
  return problems;
}

/** Builds the offline docs page for `specPath` into `outputPath`; throws if it can't be offline. */
export async function buildDocs(specPath: string, outputPath: string): Promise<string> {
  // Redocly writes its raw page beside the target; only a checked page replaces the real one.
  const draft = `${outputPath}.draft.html`;
  // Each operation's accepted credentials, errors and request samples are written into a copy
  // of the spec here, at build time, from its own declarations (scripts/docs/annotateSpec.ts).
  const annotated = `${outputPath}.draft.json`;
  try {
    const doc = parse(await readFile(specPath, "utf8")) as OpenAPIDocument;
    await writeFile(annotated, JSON.stringify(annotateSpec(doc)));
    const build = await runRedocly(
      ["build-docs", annotated, "--inlineBundle", "--title", docsTitle, "-o", draft],
      { capture: true },
    );
    if (build.code !== 0) {
      throw new Error(
        `redocly build-docs exited with ${build.code}:\n${build.stdout}${build.stderr}`,
      );
    }
    const html = pageAdditions((await readFile(draft, "utf8")).replace(remoteUrl, "data:,"));
    const problems = findRemoteLoads(html);
    if (!html.includes(`<title>${docsTitle}</title>`)) problems.push("the page title is missing");
    if (problems.length > 0) {
      throw new Error(`${outputPath} would not work offline:\n  ${problems.join("\n  ")}`);
    }
    await writeFile(outputPath, html);
    return html;
  } finally {
    await rm(draft, { force: true });
    await rm(annotated, { force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  const output = join(root, "docs", "index.html");
  try {
    const html = await buildDocs(join(root, "openapi.yaml"), output);
    const size = Math.round(new TextEncoder().encode(html).length / 1024);
    console.log(`Built ${relative(process.cwd(), output)} (${size} KiB, no remote loads).`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
