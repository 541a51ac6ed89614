import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// CI asks for a JSON report beside the usual output, to print one total over every test run.
const resultsFile = process.env.LATCHKEY_VITEST_JSON;

export default defineConfig({
  // examples/ import the package by its name, as a user's project does; here that name is the
  // source, so the examples run without a build (tsconfig.json's `paths` say the same to tsc).
  resolve: {
    alias: [
      {
        find: /^latchkey\/vitest$/,
        replacement: fileURLToPath(new URL("./mock/vitest/index.ts", import.meta.url)),
      },
      {
        find: /^latchkey\/mock$/,
        replacement: fileURLToPath(new URL("./mock/index.ts", import.meta.url)),
      },
      {
        find: /^latchkey$/,
        replacement: fileURLToPath(new URL("./src/index.ts", import.meta.url)),
      },
    ],
  },
  test: {
    include: ["test/**/*.test.ts", "examples/**/*.test.ts"],
    environment: "node",
    watch: false,
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Forks rather than threads: contract and sandbox tests spawn child processes (redocly,
    // the sandbox server, Prism, a browser), which is more robust from a process than a worker.
    // Two workers on the 2-core CI machine: more would only contend with those children.
    pool: "forks",
    maxWorkers: 2,
    // Each file gets a fresh module graph, so a sandbox or client created in one file can't
    // leak state into another.
    isolate: true,
    reporters: resultsFile ? ["default", ["json", { outputFile: resultsFile }]] : ["default"],
  },
});
