import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = fileURLToPath(new URL(".", import.meta.url));
const rootDir = join(here, "..", "..");

/** A temporary directory holding one HTML page and one bundle per fixture. */
export interface FixtureSite {
  /** The directory to serve. */
  readonly dir: string;
  /** Deletes the directory. */
  remove(): Promise<void>;
}

/**
 * Bundles `test/browser/fixtures/<name>.ts` for each name into `<name>.js` beside a `<name>.html`
 * that loads it, in a fresh temporary directory. The fixtures import the SDK and the sandbox
 * from source, so the browser runs the code under test, not a possibly stale dist/. MSW's
 * worker script is copied in at the root: it belongs to MSW, so it is served, never committed.
 */
export async function buildFixtureSite(names: readonly string[]): Promise<FixtureSite> {
  const dir = await mkdtemp(join(tmpdir(), "latchkey-browser-site-"));
  try {
    await build({
      entryPoints: names.map((name) => join(here, "fixtures", `${name}.ts`)),
      outdir: dir,
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      sourcemap: "linked",
      logLevel: "silent",
      // Some dependencies read NODE_ENV; a browser has no `process` to read it from.
      define: { "process.env.NODE_ENV": '"test"' },
    });
    await Promise.all(
      names.map((name) =>
        writeFile(
          join(dir, `${name}.html`),
          // The empty icon keeps the browser from asking for /favicon.ico (a 404 in the log).
          `<!doctype html>\n<html><head><meta charset="utf-8"><title>${name}</title>` +
            `<link rel="icon" href="data:,"></head>` +
            `<body><script type="module" src="./${name}.js"></script></body></html>\n`,
        ),
      ),
    );
    await copyFile(
      join(rootDir, "node_modules", "msw", "lib", "mockServiceWorker.js"),
      join(dir, "mockServiceWorker.js"),
    );
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
