// examples/browser-msw in Chromium: the page bundled as a user's bundler would (the package's
// names resolved to this checkout's source), served with MSW's worker script, opened, and read.
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  browserSuiteTitle,
  type ChromiumSession,
  launchChromium,
  skipBrowserTests,
} from "../browser/launchChromium.js";
import { type DirectoryServer, serveDirectory } from "../browser/serveDirectory.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const example = join(root, "examples", "browser-msw");
const ownNames: Record<string, string> = {
  latchkey: join(root, "src", "index.ts"),
  "latchkey/mock": join(root, "mock", "index.ts"),
};

describe.skipIf(skipBrowserTests)(
  browserSuiteTitle("examples/browser-msw: a page whose sandbox runs in a service worker"),
  () => {
    let dir = "";
    let server: DirectoryServer | undefined;
    let browser: ChromiumSession | undefined;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "latchkey-browser-example-"));
      await build({
        entryPoints: [join(example, "main.ts")],
        outfile: join(dir, "main.js"),
        bundle: true,
        format: "esm",
        platform: "browser",
        target: "es2022",
        logLevel: "silent",
        define: { "process.env.NODE_ENV": '"production"' },
        plugins: [
          {
            name: "latchkey-from-source",
            setup(on) {
              on.onResolve({ filter: /^latchkey(?:\/mock)?$/ }, (args) => ({
                path: ownNames[args.path] ?? args.path,
              }));
            },
          },
        ],
      });
      await copyFile(join(example, "index.html"), join(dir, "index.html"));
      await copyFile(
        join(root, "node_modules", "msw", "lib", "mockServiceWorker.js"),
        join(dir, "mockServiceWorker.js"),
      );
      server = await serveDirectory(dir);
      browser = await launchChromium();
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it("lists the in-page sandbox's agents, with no script error", async () => {
      const { page, errors } = await (browser as ChromiumSession).newPage();
      await page.goto(`${server?.url}/index.html`, { waitUntil: "load" });
      await page.waitForFunction(
        () => !/Starting/.test(document.getElementById("status")?.textContent ?? "Starting"),
        undefined,
        { timeout: 20_000 },
      );
      expect(await page.textContent("#status")).toBe("2 agents");
      expect(
        await page.$$eval("#agents li", (items) => items.map((item) => item.textContent)),
      ).toEqual(["Agent one (agent-one)", "Agent two (agent-two)"]);
      expect(errors).toEqual([]);
    }, 40_000);
  },
);
