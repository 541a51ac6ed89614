// Between the store and the change log: collects the changes requests make and ships them, in
// order, one batch at a time. A request that changed state waits for `flush` before it is
// answered; changes made by reads (a key's last use, a job's progress) are written behind.
import { ProblemError } from "../ProblemError.js";
import type { Change, ChangeLog } from "./Change.js";

/** How long read-made changes may wait before they are written (they are advisory). */
const WRITE_BEHIND_MS = 50;

export function storeUnavailable(): ProblemError {
  return new ProblemError(
    503,
    "store_unavailable",
    "The sandbox's shared store cannot be reached, so this replica will not act on stale state; retry in a moment.",
    { retry_after: 1 },
    { "retry-after": "1" },
  );
}

export interface ChangeFeed {
  /** Takes a change the store just applied. */
  record(change: Change): void;
  /** Resolves once every change recorded so far is in the log; 503 if the log failed. */
  flush(): Promise<void>;
  /** Ships pending changes within a few ms, without anyone waiting; for read-made changes. */
  flushSoon(): void;
}

export function createChangeFeed(log: ChangeLog | undefined): ChangeFeed {
  if (log === undefined) {
    // In memory only: nothing to collect, nothing to wait for.
    return { record() {}, flush: async () => {}, flushSoon() {} };
  }
  let pending: Change[] = [];
  /** Changes recorded, and changes the log has taken, counted from the start. */
  let recorded = 0;
  let shipped = 0;
  let inFlight: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  // One append at a time keeps the log in the order the changes were made; whatever piles up
  // meanwhile goes out as the next batch, so a busy server appends in few, larger batches.
  const shipNext = (): Promise<void> => {
    const batch = pending;
    pending = [];
    const upTo = recorded;
    inFlight = (async () => {
      try {
        await log.append(batch);
        shipped = upTo;
      } catch (error) {
        // Kept, in order, for the next flush: the changes are already applied here, and the log
        // must get them once it is back (puts are idempotent, so a batch appended twice is fine).
        pending = batch.concat(pending);
        throw error;
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  };

  const flush = async (): Promise<void> => {
    const target = recorded;
    try {
      while (shipped < target) await (inFlight ?? shipNext());
    } catch {
      throw storeUnavailable();
    }
  };

  return {
    record(change) {
      pending.push(change);
      recorded++;
    },
    flush,
    flushSoon() {
      if (timer !== undefined || pending.length === 0) return;
      timer = setTimeout(() => {
        timer = undefined;
        flush().catch(() => {
          // Advisory changes; the next request's flush retries them or answers 503.
        });
      }, WRITE_BEHIND_MS);
      (timer as { unref?: () => void }).unref?.();
    },
  };
}
