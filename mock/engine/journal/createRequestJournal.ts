// The request journal: the last N requests in a ring, read newest first with the filters and the
// cursor pagination of every list. In memory only — never in a state file, never shared between
// replicas (docs/decisions/request-journal.md). Entries are built from their records on read.
import { type Page, paginate } from "../operations/paginate.js";
import { type JournalRecord, type RequestEntry, toEntry } from "./journalEntry.js";

export type { RequestEntry } from "./journalEntry.js";

export const DEFAULT_JOURNAL_SIZE = 10_000;

export interface RequestFilter {
  workspace_id?: string;
  operation_id?: string;
  status?: number;
  credential_kind?: string;
  limit?: number;
  cursor?: string;
}

export interface RequestJournal {
  readonly capacity: number;
  record(record: JournalRecord): void;
  get(id: string): RequestEntry | undefined;
  list(filter?: RequestFilter): Page<RequestEntry>;
  clear(): void;
}

/** Reads of the journal are not journaled: an inspector polling it would fill it with itself. */
export function isJournalRead(operation: { operationId: string } | null): boolean {
  return (
    operation !== null &&
    (operation.operationId === "listSandboxRequests" ||
      operation.operationId === "getSandboxRequest")
  );
}

function matches(record: JournalRecord, filter: RequestFilter): boolean {
  return (
    (filter.workspace_id === undefined || record.workspaceId === filter.workspace_id) &&
    (filter.operation_id === undefined || record.operation?.operationId === filter.operation_id) &&
    (filter.status === undefined || record.status === filter.status) &&
    (filter.credential_kind === undefined || record.kind === filter.credential_kind)
  );
}

/** `journal` as the options take it: a size, or `0`/`false` for none; default 10,000. */
export function journalSize(journal: number | boolean | undefined): number {
  if (journal === undefined || journal === true) return DEFAULT_JOURNAL_SIZE;
  if (journal === false) return 0;
  if (!Number.isInteger(journal) || journal < 0) {
    throw new RangeError("journal must be a non-negative integer (0 or false turns it off).");
  }
  return journal;
}

export function createRequestJournal(capacity: number): RequestJournal {
  // A ring: `next` is where the next record goes; once full, the oldest is overwritten. `seqs`
  // numbers them in arrival order (the cursor's position), beside them rather than in them.
  let ring: JournalRecord[] = [];
  let seqs: number[] = [];
  let next = 0;
  let seq = 0;

  /** Indexes into the ring, newest first. */
  function* newestFirst(): Generator<number> {
    const n = ring.length;
    const newest = n < capacity ? n - 1 : (next - 1 + n) % n;
    for (let i = 0; i < n; i++) yield (newest - i + n) % n;
  }

  return {
    capacity,
    record(record) {
      if (ring.length < capacity) {
        ring.push(record);
        seqs.push(++seq);
      } else {
        ring[next] = record;
        seqs[next] = ++seq;
        next = (next + 1) % capacity;
      }
    },
    get(id) {
      for (const index of newestFirst()) {
        const record = ring[index] as JournalRecord;
        if (record.id === id) return toEntry(record);
      }
      return undefined;
    },
    list(filter = {}) {
      const kept: { id: string; createdAt: number; record: JournalRecord }[] = [];
      for (const index of newestFirst()) {
        const record = ring[index] as JournalRecord;
        if (matches(record, filter)) {
          kept.push({ id: record.id, createdAt: seqs[index] as number, record });
        }
      }
      // paginate sorts by createdAt itself; handing it oldest first keeps equal times stable.
      kept.reverse();
      return paginate(kept, filter, "newest-first", (item) => toEntry(item.record));
    },
    clear() {
      ring = [];
      seqs = [];
      next = 0;
    },
  };
}
