// A snapshot is the fold of the change log: start from the last snapshot, apply every batch
// written after it. Used when a change log is loaded; the engine applies live changes itself.
import { Store } from "../Store.js";
import type { SavedReplay, Snapshot } from "../types.js";
import { applyChange } from "./applyChange.js";
import type { ChangeBatch } from "./Change.js";

export function foldChanges(base: Snapshot, batches: Iterable<ChangeBatch>): Snapshot {
  const store = new Store();
  store.restore(base);
  let clockOffsetMs = base.clockOffsetMs;
  const replays = new Map((base.replays ?? []).map((replay) => [replay.index, replay]));
  const beside = {
    setOffset(ms: number) {
      clockOffsetMs = ms;
    },
    keepReplay(replay: SavedReplay) {
      replays.set(replay.index, replay);
    },
  };
  for (const batch of batches) for (const change of batch) applyChange(store, beside, change);
  const kept = { replays: [...replays.values()] };
  return { ...store.snapshot(), serverSecrets: base.serverSecrets, clockOffsetMs, ...kept };
}
