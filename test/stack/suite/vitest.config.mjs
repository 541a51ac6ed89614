// The suite's files end in .stack.ts so that the repository's own vitest run (test/**/*.test.ts)
// leaves them to the matrix; test/ is examples/vitest-kit's suite, copied in beside them.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { include: ["*.stack.ts", "test/**/*.test.ts"], testTimeout: 20_000, hookTimeout: 30_000 },
});
