// `latchkey/vitest`: vitest fixtures for testing an app against the latchkey sandbox. Loaded only
// by test files; the SDK entry (`latchkey`) never imports it or vitest.
import { createLatchkeyTest } from "./createLatchkeyTest.js";

export type { RequestEntry } from "../engine/journal/createRequestJournal.js";
export {
  createLatchkeyTest,
  type LatchkeyFixtures,
  type LatchkeyTestOptions,
} from "./createLatchkeyTest.js";
export type { RequestMatch } from "./requestMatchers.js";
export type {
  SandboxUser,
  SandboxWorkspace,
  TestClock,
  TestSandbox,
  TestWorkspace,
  WorkspaceFaultRule,
} from "./TestSandbox.js";

/** vitest's `test` with the latchkey fixtures, in-process or against `LATCHKEY_SANDBOX_URL`. */
export const test = createLatchkeyTest();
export const it = test;
