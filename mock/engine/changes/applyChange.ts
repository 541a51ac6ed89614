// The one function that changes the sandbox's state. The store's own write methods, a change log
// being replayed and another replica's changes all come through here, so they cannot disagree.
import type { Store } from "../Store.js";
import type { SavedReplay } from "../types.js";
import type { Change } from "./Change.js";

/** What lives beside the store: the clock offset and the kept idempotent answers. */
export interface StateBesideStore {
  setOffset(ms: number): void;
  keepReplay(replay: SavedReplay): void;
}

/**
 * Applies one change. Revocation and use are monotone — a put never clears a `revokedAt` or
 * `usedAt` already seen, and `lastUsedAt` only moves forward — so replicas that see two writers'
 * changes to one record in different orders still agree on whether it may be used.
 */
export function applyChange(store: Store, beside: StateBesideStore, change: Change): void {
  switch (change.t) {
    case "put":
      store.applyPut(change);
      return;
    case "del":
      store.applyDelete(change.c, change.id);
      return;
    case "touch":
      store.applyTouch(change.id, change.at);
      return;
    case "clock":
      beside.setOffset(change.offsetMs);
      return;
    case "replay":
      beside.keepReplay(change.r);
      return;
    case "reset":
      store.applyReset();
      beside.setOffset(0);
      return;
  }
}
