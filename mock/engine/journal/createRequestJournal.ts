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

const NUMERIC: ReadonlySet<string> = new Set(["at", "status", "durationMs"]);

/** More than the pipeline has checks, so a trail always fits. */
const MAX_STEPS = 24;

type Field = Exclude<keyof JournalRecord, "trail">;
const FIELDS: readonly Field[] = [
  "id",
  "at",
  "method",
  "path",
  "operation",
  "status",
  "code",
  "durationMs",
  "workspaceId",
  "kind",
  "presentedIn",
  "start",
  "principalKind",
  "principalId",
  "userId",
  "principalAgentId",
  "teamId",
  "held",
  "required",
  "agent",
  "scheme",
];

/**
 * A ring of the last `capacity` records, stored by column: each field in an array of its own and
 * each step in a slot of the step arrays, so keeping a request adds no object to the heap
 * (only references to strings the request made anyway). One object per kept request, as a plain
 * ring would hold, is promoted to the old generation and dies there, which made the garbage
 * collector's work (and RSS) grow with the journal.
 */
export function createRequestJournal(capacity: number): RequestJournal {
  // One array per field, in FIELDS' order; numbers in typed arrays, so that a time or a duration
  // kept is not a boxed number on the heap.
  let columns: (unknown[] | Float64Array)[] = [];
  let stepCount: number[] = [];
  let steps: (string | null)[] = [];
  let seqs: number[] = [];
  let size = 0;
  let next = 0;
  let seq = 0;

  function reset(): void {
    columns = FIELDS.map((field) =>
      NUMERIC.has(field) ? new Float64Array(Math.min(capacity, 1024)) : [],
    );
    stepCount = [];
    steps = [];
    seqs = [];
    size = 0;
    next = 0;
  }
  reset();

  function read(index: number): JournalRecord {
    const record: Record<string, unknown> = {};
    for (let f = 0; f < FIELDS.length; f++) {
      record[FIELDS[f] as Field] = (columns[f] as unknown[])[index];
    }
    const base = index * MAX_STEPS * 3;
    record.trail = steps.slice(base, base + (stepCount[index] ?? 0) * 3);
    return record as unknown as JournalRecord;
  }

  /** Indexes into the ring, newest first. */
  function* newestFirst(): Generator<number> {
    const newest = size < capacity ? size - 1 : (next - 1 + size) % size;
    for (let i = 0; i < size; i++) yield (newest - i + size) % size;
  }

  return {
    capacity,
    record(record) {
      const index = size < capacity ? size++ : next;
      next = (index + 1) % capacity;
      for (let f = 0; f < FIELDS.length; f++) {
        let column = columns[f] as unknown[] | Float64Array;
        if (column instanceof Float64Array && index >= column.length) {
          // Grown by doubling up to the capacity, so a large --journal costs memory only when used.
          const grown = new Float64Array(Math.min(capacity, column.length * 2));
          grown.set(column);
          columns[f] = column = grown;
        }
        (column as unknown[])[index] = record[FIELDS[f] as Field];
      }
      seqs[index] = ++seq;
      const trail = record.trail;
      const count = Math.min(trail.length / 3, MAX_STEPS);
      stepCount[index] = count;
      const base = index * MAX_STEPS * 3;
      for (let i = 0; i < count * 3; i++) steps[base + i] = trail[i] ?? null;
    },
    get(id) {
      const ids = columns[FIELDS.indexOf("id")] as string[];
      for (const index of newestFirst()) if (ids[index] === id) return toEntry(read(index));
      return undefined;
    },
    list(filter = {}) {
      const kept: { id: string; createdAt: number; index: number }[] = [];
      const column = (field: Field) => columns[FIELDS.indexOf(field)] as unknown[];
      const [ids, workspaces, operations, statuses, kinds] = [
        column("id"),
        column("workspaceId"),
        column("operation"),
        column("status"),
        column("kind"),
      ];
      for (const index of newestFirst()) {
        const candidate = {
          workspaceId: workspaces[index],
          operation: operations[index],
          status: statuses[index],
          kind: kinds[index],
        } as JournalRecord;
        if (matches(candidate, filter)) {
          kept.push({ id: ids[index] as string, createdAt: seqs[index] as number, index });
        }
      }
      // paginate sorts by createdAt itself; handing it oldest first keeps equal times stable.
      kept.reverse();
      return paginate(kept, filter, "newest-first", (item) => toEntry(read(item.index)));
    },
    clear: reset,
  };
}
