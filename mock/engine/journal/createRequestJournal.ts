// The request journal: the last N requests in a ring, read newest first with the filters and the
// cursor pagination of every list. In memory only — never in a state file, never shared between
// replicas (docs/decisions/request-journal.md). Entries are built from their records on read.
import { type Page, paginate } from "../operations/paginate.js";
import { redactTarget } from "../redactTarget.js";
import { createRecordRing } from "./createRecordRing.js";
import {
  type CapturedRecord,
  type JournalRecord,
  type RequestEntry,
  toEntry,
} from "./journalEntry.js";

export type { RequestEntry } from "./journalEntry.js";

export const DEFAULT_JOURNAL_SIZE = 10_000;
/**
 * Records captured and not yet filed in the ring. Filed one by one, each between two requests'
 * worth of HTTP work, the ring's code and data were cold every time: a write cost 2–2.4 µs in a
 * loaded server against 0.4 µs in a loop. Filed in batches it costs about 1 µs. A batch is small
 * enough that its records die young, and every read files what is waiting first.
 */
const BATCH = 32;

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
  /** Takes a captured record; it is redacted and kept by the next batch or read. */
  record(record: CapturedRecord): void;
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

/**
 * A ring of the last `capacity` records (createRecordRing keeps them without a heap object per
 * request), read newest first.
 */
export function createRequestJournal(capacity: number): RequestJournal {
  let ring = createRecordRing(capacity);
  let size = 0;
  let next = 0;
  let seq = 0;

  // Emptied as they are filed: a waiting record still holds its query as the request sent it.
  const waiting: (CapturedRecord | undefined)[] = [];
  let waitingCount = 0;

  /** Files the waiting records in the ring, oldest first, their targets redacted. */
  function fileRecords(): void {
    for (let i = 0; i < waitingCount; i++) {
      const record = waiting[i] as CapturedRecord;
      waiting[i] = undefined;
      record.path = redactTarget(record);
      const index = size < capacity ? size++ : next;
      next = (index + 1) % capacity;
      ring.write(index, record, ++seq);
    }
    waitingCount = 0;
  }

  /** Indexes into the ring, newest first. */
  function* newestFirst(): Generator<number> {
    const newest = size < capacity ? size - 1 : (next - 1 + size) % size;
    for (let i = 0; i < size; i++) yield (newest - i + size) % size;
  }

  return {
    capacity,
    record(record) {
      waiting[waitingCount++] = record;
      if (waitingCount === BATCH) fileRecords();
    },
    get(id) {
      fileRecords();
      for (const index of newestFirst())
        if (ring.id(index) === id) return toEntry(ring.read(index));
      return undefined;
    },
    list(filter = {}) {
      fileRecords();
      const kept: { id: string; createdAt: number; index: number }[] = [];
      for (const index of newestFirst()) {
        const candidate = {
          workspaceId: ring.ref(index, "workspaceId"),
          operation: ring.ref(index, "operation"),
          status: ring.status(index),
          kind: ring.ref(index, "kind"),
        } as JournalRecord;
        if (matches(candidate, filter)) {
          kept.push({ id: ring.id(index), createdAt: ring.seq(index), index });
        }
      }
      // paginate sorts by createdAt itself; handing it oldest first keeps equal times stable.
      kept.reverse();
      return paginate(kept, filter, "newest-first", (item) => toEntry(ring.read(item.index)));
    },
    clear() {
      waiting.fill(undefined);
      waitingCount = 0;
      ring = createRecordRing(capacity);
      size = 0;
      next = 0;
    },
  };
}
