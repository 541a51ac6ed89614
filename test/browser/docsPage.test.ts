// The API reference as a reader uses it, in Chromium at 1400×1000, served by the sandbox with a
// starter workspace: the page loads nothing from the network, shows an operation's accepted and
// refused credentials, errors and samples, and its request console sends GET /v1/agents to the
// sandbox with the starter key filled in (200), with a garbled key (401 token_malformed), and in
// the header the reader picks (X-API-Key instead of Authorization).
// LATCHKEY_UPDATE_SCREENSHOTS=1 also writes the screenshots docs/README.md shows.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandboxServer, type SandboxServer } from "../../mock/server/createSandboxServer.js";
import { starterWorkspace } from "../../mock/server/starterWorkspace.js";
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

async function shoot(page: Page, name: string): Promise<void> {
  const shot = await page.screenshot();
  expect(pngSize(shot)).toEqual(viewport);
  if (update) await writeFile(join(root, "docs", "screenshots", name), shot);
}

describe.skipIf(skipBrowserTests)(
  browserSuiteTitle("the API reference at /docs, in Chromium at 1400×1000"),
  () => {
    let dir = "";
    let sandbox: SandboxServer | undefined;
    let browser: ChromiumSession | undefined;
    let page: Page;
    let errors: string[] = [];
    const remote: string[] = [];
    let url = "";
    let starterKey: string | undefined;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "latchkey-docs-page-"));
      const docsFile = join(dir, "index.html");
      await buildDocs(join(root, "openapi.yaml"), docsFile);
      sandbox = createSandboxServer({ docsFile, docsStarterKey: () => starterKey });
      url = await sandbox.listen(0);
      starterKey = (await starterWorkspace(sandbox.engine)).userKey;
      browser = await launchChromium();
      ({ page, errors } = await browser.newPage());
      // Offline means offline: anything but the sandbox itself is refused and recorded.
      await page.route("**/*", (route) => {
        const target = route.request().url();
        if (target.startsWith(`${url}/`) || target.startsWith("data:")) return route.continue();
        remote.push(target);
        return route.abort();
      });
      await page.setViewportSize(viewport);
      await page.goto(`${url}/docs`, { waitUntil: "load" });
      await page.getByText("Start a session").first().waitFor({ timeout: 60_000 });
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await sandbox?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it("renders the guide and loads nothing from the network", async () => {
      const text = (await page.evaluate("document.body.innerText")) as string;
      expect(text).toContain("Where credentials go");
      expect(text).toContain("token_malformed");
      const icon = await page.getAttribute('link[rel="icon"]', "href");
      expect(icon).toMatch(/^data:image\/svg\+xml,/);
      await shoot(page, "docs.png");
      expect(remote).toEqual([]);
    }, 30_000);

    it("shows an operation's accepted and refused credentials, errors and request sample", async () => {
      await page.goto(`${url}/docs#tag/agents/GET/v1/agents`);
      const operation = page.locator("section", { hasText: "Accepts:" }).filter({
        hasText: "List agents",
      });
      await operation.first().waitFor({ timeout: 30_000 });
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees.
      const text = await operation.first().innerText();
      expect(text).toMatch(/Accepts:\s*session token, user key or workspace key/);
      expect(text).toMatch(/Refuses[^\n]*agent key/);
      expect(text).toContain("credential_kind_not_allowed");
      expect(text).toContain("insufficient_scope");
      const whole = (await page.evaluate("document.body.innerText")) as string;
      expect(whole).toContain('curl -X GET "http://127.0.0.1:4010/v1/agents?limit=20"');
      await shoot(page, "operation.png");
    }, 60_000);

    /** Opens the request console of GET /v1/agents; returns its Send button. */
    async function openConsole(): Promise<Locator> {
      const open = page.locator("button", { hasText: /Test Request\s*\(get \/v1\/agents\)/ });
      await open.first().click({ timeout: 30_000 });
      const send = page.locator("button", { hasText: /Send get request to .*\/v1\/agents/ });
      await send.first().waitFor({ timeout: 30_000 });
      return send.first();
    }

    it("sends GET /v1/agents with the starter key filled in and shows the 200", async () => {
      const send = await openConsole();
      await send.click();
      await page.getByText("200 OK").first().waitFor({ timeout: 30_000 });
      const body = (await page.evaluate("document.body.innerText")) as string;
      expect(body).toContain('"next_cursor"');
      await shoot(page, "request-200.png");
    }, 90_000);

    it("sends it with a garbled key and shows the 401 token_malformed problem", async () => {
      const token = page.locator('input[placeholder="Token"][id^="scalar-client"]').first();
      await token.fill("lk_usr_test_garbled");
      await page
        .locator("button", { hasText: /Send get request to .*\/v1\/agents/ })
        .first()
        .click();
      await page.getByText("401 Unauthorized").first().waitFor({ timeout: 30_000 });
      await page.getByText('"token_malformed"').first().waitFor({ timeout: 30_000 });
      await shoot(page, "request-401.png");
    }, 90_000);

    it("lets the reader choose the credential header: X-API-Key gets the starter key", async () => {
      // The selector is a multi-select: add X-API-Key (apiKeyHeader), take Bearer away.
      await page
        .locator("button", { hasText: /Selected Auth Type:/ })
        .last()
        .click();
      await page
        .getByRole("option", { name: /apiKeyHeader/ })
        .first()
        .click({ timeout: 10_000 });
      await page
        .getByRole("option", { name: /bearerAuth/ })
        .first()
        .click({ timeout: 10_000 });
      await page
        .locator("button", { hasText: /Auth Type/ })
        .last()
        .click(); // closes the list
      const sent = page.waitForRequest((request) => request.url().startsWith(`${url}/v1/agents`));
      await page
        .locator("button", { hasText: /Send get request to .*\/v1\/agents/ })
        .first()
        .click();
      const headers = (await sent).headers();
      // Compared, never printed: a failing assertion would show the key.
      expect(headers["x-api-key"] === starterKey).toBe(true);
      expect(headers.authorization).toBeUndefined();
      await page.getByText("200 OK").first().waitFor({ timeout: 30_000 });
      expect(remote).toEqual([]);
      expect(errors).toEqual([]);
    }, 90_000);
  },
);
