// `npm run docs`: builds docs/index.html, the API reference, from openapi.yaml with Scalar's API
// reference (scripts/docs/scalarPage.ts), whose request console sends operations to the sandbox
// that serves the page. The page must open with no network at all (the sandbox serves it at
// /docs, often offline, in CI or on a plane), so the renderer is inlined, its service URLs are
// replaced with empty data URLs, fonts and telemetry are off, and the build fails if any remote
// load remains. docs/index.html.gz beside it is what the package ships and the sandbox sends.
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { parse } from "yaml";
import type { OpenAPIDocument } from "./codegen/openapi-types";
import { annotateSpec } from "./docs/annotateSpec";
import { scalarPage } from "./docs/scalarPage";

export const docsTitle = "latchkey — Agent Platform API";

/**
 * Scalar's bundle hard-codes the URLs of its services as defaults: fonts, the request proxy, its
 * API, registry and dashboard. The page turns them off in its configuration; replacing them with
 * `data:,` (an empty local resource) also makes sure nothing can switch one back on.
 */
const remoteUrl =
  /https:\/\/(?:fonts|proxy|api|registry|dashboard|client|cdn)\.scalar\.com(?:\/[^`"'\s)]*)?/g;

/** Anything that would make the browser fetch from the network on open. */
const remoteLoads: Array<[string, RegExp]> = [
  [
    "remote src/href on a non-link element",
    /<(?!a[\s>])[a-z]+\b[^<>]*\s(?:src|href)\s*=\s*["']?https?:/gi,
  ],
  ["remote CSS url()", /url\(\s*["']?https?:/gi],
  ["remote CSS @import", /@import\s+(?:url\()?\s*["']https?:/gi],
  [
    "a CDN, font, proxy or telemetry host",
    /(?:(?:fonts|proxy|api|registry|dashboard|client|cdn)\.scalar\.com|cdn\.redoc(?:ly)?\.|otel\.cloud\.redocly|fonts\.googleapis|fonts\.gstatic|unpkg\.com|jsdelivr\.net)/gi,
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
  for (const setting of ["telemetry: false", "withDefaultFonts: false", "persistAuth: false"]) {
    if (!html.includes(setting)) problems.push(`the page's configuration lacks ${setting}`);
  }
  return problems;
}

/** Scalar's standalone bundle, as installed (a devDependency: the page carries it inline). */
async function scalarBundle(): Promise<string> {
  // Its exports map names no bundle (nor package.json): find the package from its main entry.
  const require = createRequire(import.meta.url);
  const main = require.resolve("@scalar/api-reference");
  const root = main.slice(0, main.lastIndexOf("/dist/"));
  return readFile(join(root, "dist", "browser", "standalone.js"), "utf8");
}

/**
 * Builds the offline docs page for `specPath` into `outputPath` (and its gzip beside it); throws
 * if it can't be offline. Each operation's accepted credentials, errors and request samples are
 * written into a copy of the spec first, from its own declarations (scripts/docs/annotateSpec.ts).
 */
export async function buildDocs(specPath: string, outputPath: string): Promise<string> {
  const doc = parse(await readFile(specPath, "utf8")) as OpenAPIDocument;
  const bundle = (await scalarBundle()).replace(remoteUrl, "data:,");
  const html = scalarPage(docsTitle, annotateSpec(doc), bundle);
  const problems = findRemoteLoads(html);
  if (!html.includes(`<title>${docsTitle}</title>`)) problems.push("the page title is missing");
  if (problems.length > 0) {
    throw new Error(`${outputPath} would not work offline:\n  ${problems.join("\n  ")}`);
  }
  await writeFile(outputPath, html);
  await writeFile(`${outputPath}.gz`, gzipSync(html, { level: 9 }));
  return html;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  const output = join(root, "docs", "index.html");
  try {
    const html = await buildDocs(join(root, "openapi.yaml"), output);
    const size = Math.round(new TextEncoder().encode(html).length / 1024);
    const gzipped = Math.round(gzipSync(html, { level: 9 }).length / 1024);
    console.log(
      `Built ${relative(process.cwd(), output)} (${size} KiB, ${gzipped} KiB gzipped, no remote loads).`,
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
