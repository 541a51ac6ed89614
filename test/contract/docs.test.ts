import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { starterKeySlot } from "../../mock/server/docsStarterKey";
import { buildDocs, docsTitle, findRemoteLoads } from "../../scripts/build-docs";
import { listOperations } from "../../scripts/codegen/openapi-types";
import { spec, specPath } from "./spec";

// `npm run docs` must give a page that works with no network (docs/decisions/offline-docs.md: the sandbox serves it from the
// sandbox, often offline) and documents every operation.

let dir = "";
let html = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "latchkey-docs-"));
  html = await buildDocs(specPath, join(dir, "index.html"));
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("the API reference page", () => {
  it("is written where asked, exactly as returned", async () => {
    expect(await readFile(join(dir, "index.html"), "utf8")).toBe(html);
  });

  it(`is titled "${docsTitle}"`, () => {
    expect(html).toContain(`<title>${docsTitle}</title>`);
  });

  it("loads nothing from the network: Scalar is inlined, no CDN, no fonts, no proxy, no telemetry", () => {
    expect(findRemoteLoads(html)).toEqual([]);
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href=["']?https?:/i);
  });

  it("ships gzipped beside itself (what the package carries and the sandbox sends)", async () => {
    const gz = await readFile(join(dir, "index.html.gz"));
    expect(gunzipSync(gz).toString("utf8")).toBe(html);
  });

  it("carries no key: the sandbox fills the starter key in when it serves the page", () => {
    // The slot holds null, and there is one: the spec's example keys are all the page has.
    expect(html.split(starterKeySlot)).toHaveLength(2);
  });

  it("documents every operation by its summary", () => {
    const missing = listOperations(spec)
      .map(({ operation }) => operation.summary ?? "")
      .filter(
        (summary) => !html.includes(summary.replace(/'/g, "&#x27;")) && !html.includes(summary),
      );
    expect(missing).toEqual([]);
  });
});

describe("the offline check", () => {
  it("flags remote scripts, stylesheets, images, CSS urls and imports", () => {
    const page = [
      '<script src="https://cdn.example.com/redoc.js"></script>',
      '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">',
      "<img src='http://example.com/logo.png'>",
      "<style>body { background: url(https://example.com/bg.png) }</style>",
      '<style>@import "https://example.com/x.css";</style>',
    ].join("\n");
    expect(findRemoteLoads(page).length).toBeGreaterThanOrEqual(5);
  });

  it("allows plain links in the text and inline data", () => {
    const page = [
      '<a href="https://redocly.com/redoc/">API docs by Redocly</a>',
      '<img src="data:image/svg+xml,%3Csvg%3E%3C/svg%3E">',
      "<script>Scalar.createApiReference('#x', { telemetry: false, withDefaultFonts: false, persistAuth: false })</script>",
    ].join("\n");
    expect(findRemoteLoads(page)).toEqual([]);
  });
});
