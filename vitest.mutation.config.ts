import { defineConfig } from "vitest/config";

// The tests Stryker runs against each mutant of the auth path (`npm run test:mutation`): the
// engine's rule tests and the SDK's, at the layer that owns each rule. Left out: tests that run
// the same engine again through an adapter (MSW, the in-process scenarios, a sandbox behind the
// SDK), which cost seconds per mutant and own no rule of these files; nothing here spawns a
// process, opens a port or drives a browser.
export default defineConfig({
  test: {
    include: ["test/mock/engine/**/*.test.ts", "test/sdk/**/*.test.ts"],
    exclude: [
      // Spawns Node processes to scan heap dumps: slow, and about memory, not about auth rules.
      "test/mock/engine/heap.test.ts",
      // A bounded fuzz (no 5xx, no echoed secret) that reaches every mutant of the auth path and
      // costs seconds a run; each rule it could notice has its own test named as the rule.
      "test/mock/engine/edgeFuzz.test.ts",
      // The SDK against a whole sandbox: the SDK's rules have their own tests with a scripted fetch.
      "test/sdk/sandbox*.test.ts",
      "test/sdk/everyResourceMethod.test.ts",
      "test/sdk/requestOptions.test.ts",
      "test/sdk/logs.test.ts",
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
