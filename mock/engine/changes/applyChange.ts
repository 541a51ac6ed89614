// The one function that changes the sandbox's state. The store's own write methods, a journal
// being replayed and another replica's changes all come through here, so they cannot disagree.
import type { Store } from "../Store.js";
import type { Change } from "./Change.js";

/** Where the clock offset lives; the engine's clock, or a plain holder while folding a log. */
export interface OffsetHolder {
  setOffset(ms: number): void;
}

/**
 * Applies one change. Revocation and use are monotone — a put never clears a `revokedAt` or
 * `usedAt` already seen, and `lastUsedAt` only moves forward — so replicas that see two writers'
 * changes to one record in different orders still agree on whether it may be used.
 */
export function applyChange(store: Store, clock: OffsetHolder, change: Change): void {
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
      clock.setOffset(change.offsetMs);
      return;
    case "reset":
      store.applyReset();
      clock.setOffset(0);
      return;
  }
}
