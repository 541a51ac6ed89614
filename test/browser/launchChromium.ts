import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { skippedTitle, skipWithoutTool } from "../missingTool.js";

/**
 * Debian's Chromium: CI installs it with `apt-get install -y chromium` (never `playwright
 * install`). LATCHKEY_CHROMIUM_PATH points elsewhere, for a machine that keeps it elsewhere.
 */
export const chromiumPath = process.env.LATCHKEY_CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Whether the browser tests can run on this machine. */
export const hasChromium = existsSync(chromiumPath);

/** Set by .ci/run: a missing Chromium is then a failure, not a skip. */
export const browserRequired = process.env.LATCHKEY_REQUIRE_BROWSER === "1";

/**
 * Skip the browser tests: no Chromium, and nobody demands them. Said loudly (test/missingTool.ts);
 * with LATCHKEY_REQUIRE_BROWSER=1 a missing Chromium is a failure instead.
 */
export const skipBrowserTests = skipWithoutTool({
  tool: `Chromium at ${chromiumPath}`,
  available: hasChromium,
  requireVariable: "LATCHKEY_REQUIRE_BROWSER",
  tests: "the browser tests (test/browser, test/examples/browserExample.test.ts)",
});

/** A describe title that says loudly when, and why, the tests under it are skipped. */
export function browserSuiteTitle(title: string): string {
  return skippedTitle(title, skipBrowserTests, `Chromium at ${chromiumPath}`);
}

/** A headless Chromium with a fresh profile, closed (and its profile deleted) by `close`. */
export interface ChromiumSession {
  /** The browser context: every page opened in it shares the fresh profile. */
  readonly context: BrowserContext;
  /** Opens a page that records its script errors (console errors, exceptions) in `errors`. */
  newPage(): Promise<{ page: Page; errors: string[] }>;
  /** Closes the browser and deletes its profile directory. */
  close(): Promise<void>;
}

const args = [
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
];

/**
 * Launches Debian's Chromium headless, with an empty profile of its own; `extraArgs` are more
 * command-line flags (such as `--host-resolver-rules` to point a test name at loopback).
 */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<ChromiumSession> {
  if (!hasChromium) {
    throw new Error(
      `LATCHKEY_REQUIRE_BROWSER=1 but there is no Chromium at ${chromiumPath}: ` +
        "install it (`apt-get install -y chromium`); in CI the browser tests must run, not skip",
    );
  }
  const profileDir = await mkdtemp(join(tmpdir(), "latchkey-chromium-profile-"));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: chromiumPath,
      headless: true,
      args: [...args, ...extraArgs],
      timeout: 30_000,
    });
  } catch (error) {
    await rm(profileDir, { recursive: true, force: true });
    throw error;
  }
  return {
    context,
    async newPage() {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
      page.on("console", (message) => {
        // Chromium logs every 4xx/5xx response as "Failed to load resource"; the tests provoke
        // those on purpose and assert on them, so only other console errors count.
        const text = message.text();
        if (message.type() === "error" && !text.startsWith("Failed to load resource")) {
          errors.push(`console: ${text}`);
        }
      });
      return { page, errors };
    },
    async close() {
      await context.close();
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}
