// `latchkey/vitest` in-process: the shared suite, plus what only the in-process pool can show.
import { describe, expect } from "vitest";
import { createLatchkeyTest, test } from "../../mock/vitest/index.js";
import { kitSuite } from "./kitSuite.js";

const quick = { client: { maxRetries: 2, retryBackoff: { baseDelayMs: 1, maxDelayMs: 5 } } };
// vitest wants worker-scoped fixtures defined at a file's top level, not inside a describe.
const pooled = createLatchkeyTest(quick);
const fresh = createLatchkeyTest({ ...quick, isolation: "sandbox" });

describe("in-process, one sandbox per running test from the worker's pool (default)", () => {
  kitSuite(pooled);
});

describe("in-process, a new sandbox per test", () => {
  kitSuite(fresh);
});

describe("nothing leaks from one test to the next", () => {
  let leftBehind = "";

  test("a test moves the clock and leaves a fault rule", async ({ clock, workspace }) => {
    await clock.advance("30d");
    await workspace.faults.add({ match: {}, action: { type: "status", status: 503 }, times: 9 });
    leftBehind = workspace.workspace.id;
  });

  test("the next test (same worker, same pooled sandbox) sees neither", async ({
    clock,
    sandbox,
    latchkeyPool,
  }) => {
    expect(leftBehind).not.toBe("");
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(5_000);
    expect(await sandbox.faults.list()).toEqual([]);
    expect(latchkeyPool?.created).toBe(1);
  });
});

describe.concurrent("tests running at the same time never share a pooled sandbox", () => {
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  test("one moves its clock 30 days and keeps it there a while", async ({ clock }) => {
    await clock.advance("30d");
    await pause(150);
    expect(clock.now().getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);
  });

  test("the other, meanwhile, still has real time", async ({ clock }) => {
    await pause(75);
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(5_000);
  });
});
