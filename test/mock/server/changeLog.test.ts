// Every change goes through the change log: folding the batches an engine appended, from an empty
// state, gives exactly the state the engine holds. A write that bypassed the log (an in-place
// edit, a map written directly) would make the two differ.
import { afterAll, expect, it } from "vitest";
import type { ChangeBatch } from "../../../mock/engine/changes/Change.js";
import { foldChanges } from "../../../mock/engine/changes/foldChanges.js";
import { emptySnapshot } from "../../../mock/engine/emptySnapshot.js";
import { createSandboxServer } from "../../../mock/server/createSandboxServer.js";
import { runFullScenario } from "./fullScenario.js";

const batches: ChangeBatch[] = [];
const sandbox = createSandboxServer({
  strict: true,
  changeLog: { append: (batch) => void batches.push(structuredClone(batch)) },
});
afterAll(() => sandbox.close());

it("the fold of the change log is the state: every change of a full run is in the log", async () => {
  const url = await sandbox.listen(0);
  const run = await runFullScenario(url);
  expect(run.calls.length).toBeGreaterThan(50);
  // Changes made by reads (a key's last use, a job's progress) are written behind: flush them.
  await sandbox.engine.context.persist();

  const state = sandbox.engine.snapshot();
  // From nothing but the secrets: every record, link, replay and the clock must come from the log.
  const empty = emptySnapshot(state.serverSecrets);
  expect(state.keys.length).toBeGreaterThan(5);
  expect(state.keys.some((key) => key.lastUsedAt !== null)).toBe(true);
  expect(state.clockOffsetMs).toBeGreaterThan(0);
  expect(foldChanges(empty, batches)).toEqual(state);
});
