// The API reference as a reader sees it, in Chromium at 1400×1000, served by the sandbox: the
// auth guide's tables keep their codes whole, every operation shows the credentials it accepts
// and refuses, its errors and request samples, and the page has an icon and no empty logo.
// LATCHKEY_UPDATE_SCREENSHOTS=1 also writes the screenshots docs/README.md shows.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandboxServer, type SandboxServer } from "../../mock/server/createSandboxServer.js";
import { buildDocs } from "../../scripts/build-docs.js";
import {
  browserSuiteTitle,
  type ChromiumSession,
  launchChromium,
  skipBrowserTests,
} from "./launchChromium.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const update = process.env.LATCHKEY_UPDATE_SCREENSHOTS === "1";
const viewport = { width: 1400, height: 1000 };

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe.skipIf(skipBrowserTests)(
  browserSuiteTitle("the API reference at /docs, in Chromium at 1400×1000"),
  () => {
    let dir = "";
    let sandbox: SandboxServer | undefined;
    let browser: ChromiumSession | undefined;
    let page: Page;
    let errors: string[] = [];
    let url = "";

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "latchkey-docs-page-"));
      const docsFile = join(dir, "index.html");
      await buildDocs(join(root, "openapi.yaml"), docsFile);
      sandbox = createSandboxServer({ docsFile });
      url = await sandbox.listen(0);
      browser = await launchChromium();
      ({ page, errors } = await browser.newPage());
      await page.setViewportSize(viewport);
      await page.goto(`${url}/docs`, { waitUntil: "load" });
      await page.waitForSelector("table.md", { timeout: 20_000 });
    }, 90_000);

    afterAll(async () => {
      await browser?.close();
      await sandbox?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it("keeps every code in the auth guide's tables on one line", async () => {
      const heights = await page.$$eval("table.md td code", (codes) =>
        codes.map((code) => {
          const rects = code.getClientRects();
          return { text: code.textContent ?? "", lines: rects.length };
        }),
      );
      expect(heights.length).toBeGreaterThan(20);
      expect(heights.filter((code) => code.lines !== 1)).toEqual([]);
    });

    it("has an icon, the server's description without literal backticks, and no empty logo", async () => {
      const icon = await page.getAttribute('link[rel="icon"]', "href");
      expect(icon).toMatch(/^data:image\/svg\+xml,/);
      const text = await page.evaluate("document.body.innerText");
      expect(text).toContain("The latchkey sandbox that npm start runs");
      expect(text).not.toContain("`npm start`");
      expect(text).not.toMatch(/API docs by\s*$/m);
      const favicon = await fetch(`${url}/favicon.ico`);
      expect(favicon.status).toBe(200);
      expect(favicon.headers.get("content-type")).toBe("image/svg+xml");
    });

    it("shows an operation's accepted and refused credentials, errors and request samples", async () => {
      const shot = await page.screenshot();
      expect(pngSize(shot)).toEqual(viewport);
      if (update) await writeFile(join(root, "docs", "screenshots", "docs.png"), shot);

      await page.getByRole("link", { name: "Agents", exact: true }).first().click();
      await page.getByText("List agents").first().click();
      const operation = page.locator('[data-section-id*="listagents" i]').first();
      await operation.waitFor({ timeout: 20_000 });
      await operation.scrollIntoViewIfNeeded();
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees.
      const text = await operation.innerText();
      expect(text).toMatch(/Accepts:\s*session token, user key or workspace key/);
      expect(text).toMatch(/Refuses[^\n]*agent key/);
      expect(text).toContain("credential_kind_not_allowed");
      expect(text).toContain("insufficient_scope");
      // The request samples sit in the right-hand panel beside it.
      const page_ = (await page.evaluate("document.body.innerText")) as string;
      expect(page_).toContain('curl -X GET "http://127.0.0.1:4010/v1/agents?limit=20"');
      expect(page_).toContain("latchkey SDK");
      const opShot = await page.screenshot();
      expect(pngSize(opShot)).toEqual(viewport);
      if (update) await writeFile(join(root, "docs", "screenshots", "operation.png"), opShot);
      expect(errors).toEqual([]);
    }, 40_000);
  },
);
