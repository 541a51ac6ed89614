import type { Page } from "playwright-core";
import type { FixtureGlobals, Scenarios } from "./fixtures/exposeScenarios.js";
import type { ChromiumSession } from "./launchChromium.js";

/** A fixture page, open in Chromium, whose scenarios the test calls by name. */
export interface FixturePage<S extends Scenarios> {
  readonly page: Page;
  /** Console errors and uncaught exceptions of the page so far. */
  readonly errors: string[];
  /** Runs a scenario in the page (after its setup) and returns what it returned. */
  run<K extends keyof S & string>(name: K): Promise<Awaited<ReturnType<S[K]>>>;
}

/** Opens `<siteUrl>/<name>.html` (with `query`) and waits until its scripts have loaded. */
export async function openFixturePage<S extends Scenarios>(
  browser: ChromiumSession,
  siteUrl: string,
  name: string,
  query: Record<string, string> = {},
): Promise<FixturePage<S>> {
  const { page, errors } = await browser.newPage();
  const url = new URL(`${siteUrl}/${name}.html`);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  await page.goto(url.href, { waitUntil: "load", timeout: 15_000 });
  await page.waitForFunction(() => "scenarios" in globalThis, undefined, { timeout: 15_000 });
  return {
    page,
    errors,
    run: (scenario) =>
      page.evaluate(async (key) => {
        const globals = globalThis as unknown as FixtureGlobals;
        await globals.fixtureReady;
        const run = globals.scenarios[key] as () => Promise<unknown>;
        return run();
      }, scenario) as never,
  };
}
