import { rmSync } from "node:fs";
import { defineConfig, type Options } from "tsup";

// The two configurations below build concurrently, so neither may use tsup's `clean` (one
// would delete the other's output). Clearing dist once, when the config is loaded, is race-free.
rmSync(new URL("./dist", import.meta.url), { recursive: true, force: true });

const library = {
  index: "src/index.ts",
  mock: "mock/index.ts",
  vitest: "mock/vitest/index.ts",
  verify: "verify/index.ts",
};

const shared = {
  outDir: "dist",
  target: "es2022",
  // No sourcemaps in the package: they were two thirds of dist/ and point at sources that are
  // not shipped. Debugging latchkey itself happens in a checkout, on the TypeScript.
  sourcemap: false,
  clean: false,
  // Keep `node:` specifiers as written: they are unambiguous, and the neutral entries must
  // have none at all (test/package/distBuiltins.test.ts checks the built chunks they load).
  removeNodeProtocol: false,
  // Every entry shares one set of chunks per format instead of each carrying its own engine.
  splitting: true,
  // Third-party code is never bundled: dependencies and peers (msw, vitest, the optional
  // @redis/client behind --store) stay imports, so a fix in them reaches users by npm update.
  external: ["@redis/client"],
} satisfies Options;

export default defineConfig([
  {
    ...shared,
    // The SDK and the sandbox engine run in browsers, service workers, Deno, Bun and edge
    // runtimes too; "neutral" makes a bare Node built-in import a build error. The CLI shares
    // this build's chunks, so `node:` imports are left external here and the chunks the library
    // entries reach are checked for them after the build (distBuiltins.test.ts).
    entry: { ...library, cli: "mock/cli.ts" },
    platform: "neutral",
    external: [...shared.external, /^node:/],
    format: ["esm"],
    dts: { entry: library },
  },
  {
    ...shared,
    // CommonJS for `require("latchkey")`; the CLI is ESM only.
    entry: library,
    platform: "neutral",
    format: ["cjs"],
    dts: { entry: library },
  },
]);
