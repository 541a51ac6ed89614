import { rmSync } from "node:fs";
import { defineConfig, type Options } from "tsup";

// The two configurations below build concurrently, so neither may use tsup's `clean` (one
// would delete the other's output). Clearing dist once, when the config is loaded, is race-free.
rmSync(new URL("./dist", import.meta.url), { recursive: true, force: true });

const shared = {
  outDir: "dist",
  target: "es2022",
  sourcemap: true,
  clean: false,
  // Keep `node:` specifiers as written: they are unambiguous, and the neutral entries must
  // have none at all, which esbuild then reports as an unresolved import.
  removeNodeProtocol: false,
} satisfies Options;

export default defineConfig([
  {
    ...shared,
    // The SDK and the sandbox engine run in browsers, service workers, Deno, Bun and edge
    // runtimes too; "neutral" makes any Node built-in import a build error instead of a
    // runtime surprise for those users.
    entry: {
      index: "src/index.ts",
      mock: "mock/index.ts",
      vitest: "mock/vitest/index.ts",
      verify: "verify/index.ts",
    },
    platform: "neutral",
    format: ["esm", "cjs"],
    dts: true,
  },
  {
    ...shared,
    entry: { cli: "mock/cli.ts" },
    platform: "node",
    // `latchkey sandbox` starts on every `npm start` and in every CLI test: resolving and loading
    // ajv, jose and @noble file by file from node_modules cost ~100 ms of its startup, one
    // pre-linked file costs a fraction. The library entries above keep their dependencies
    // external so that applications deduplicate them.
    noExternal: [/.*/],
    target: "node20",
    format: ["esm"],
    dts: false,
    // The Redis client (loaded for --store only) is CommonJS and requires Node built-ins; an ESM
    // bundle has no `require` of its own to give it, so the entry makes one.
    banner: {
      js: '#!/usr/bin/env node\nimport { createRequire as __latchkeyRequire } from "node:module";\nconst require = __latchkeyRequire(import.meta.url);',
    },
  },
]);
