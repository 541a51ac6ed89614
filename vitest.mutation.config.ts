import { defineConfig } from "vitest/config";

// The fast in-process tests that exercise the auth path, for `npm run test:mutation`: Stryker
// runs them once per mutant, so nothing here spawns a process, opens a port or drives a browser.
export default defineConfig({
  test: {
    include: [
      "test/mock/engine/**/*.test.ts",
      "test/mock/operations/**/*.test.ts",
      "test/mock/msw/**/*.test.ts",
      "test/mock/scenarios/inProcess.test.ts",
      "test/sdk/**/*.test.ts",
    ],
    exclude: [
      // Spawns Node processes to scan heap dumps: slow, and about memory, not about auth rules.
      "test/mock/engine/heap.test.ts",
      // A bounded fuzz (no 5xx, no echoed secret) that reaches every mutant of the auth path and
      // costs seconds a run; each rule it could notice has its own test named as the rule.
      "test/mock/engine/edgeFuzz.test.ts",
      // About the README and the types, which no mutant of the auth path changes.
      "test/sdk/readme*.test.ts",
      "test/sdk/types.test.ts",
    ],
    environment: "node",
    watch: false,
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
