// The request journal: the last N entries in a ring, read newest first with the filters and the
// cursor pagination of every list. In memory only — never in a state file, never shared between
// replicas (docs/decisions/request-journal.md).

import { type Page, paginate } from "../operations/paginate.js";
import type { Schemas } from "../types.js";

export type RequestEntry = Schemas["RequestEntry"];

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
  record(entry: RequestEntry): void;
  get(id: string): RequestEntry | undefined;
  list(filter?: RequestFilter): Page<RequestEntry>;
  /** Every entry kept, oldest first. */
  entries(): RequestEntry[];
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

function matches(entry: RequestEntry, filter: RequestFilter): boolean {
  return (
    (filter.workspace_id === undefined || entry.workspace_id === filter.workspace_id) &&
    (filter.operation_id === undefined || entry.operation_id === filter.operation_id) &&
    (filter.status === undefined || entry.status === filter.status) &&
    (filter.credential_kind === undefined || entry.credential?.kind === filter.credential_kind)
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
  // A ring: `next` is where the next entry goes, and once full the oldest is overwritten.
  let ring: RequestEntry[] = [];
  let seqs: number[] = [];
  let next = 0;
  let seq = 0;
  const byId = new Map<string, number>();

  function entries(): RequestEntry[] {
    return ring.length < capacity ? ring.slice() : [...ring.slice(next), ...ring.slice(0, next)];
  }

  return {
    capacity,
    record(entry) {
      if (ring.length < capacity) {
        ring.push(entry);
        seqs.push(++seq);
      } else {
        const old = ring[next] as RequestEntry;
        if (byId.get(old.id) === seqs[next]) byId.delete(old.id);
        ring[next] = entry;
        seqs[next] = ++seq;
        next = (next + 1) % capacity;
      }
      byId.set(entry.id, seq);
    },
    get(id) {
      const at = byId.get(id);
      if (at === undefined) return undefined;
      const index = seqs.indexOf(at);
      return index < 0 ? undefined : ring[index];
    },
    list(filter = {}) {
      const kept: { id: string; createdAt: number; entry: RequestEntry }[] = [];
      const ordered = ring.length < capacity ? 0 : next;
      for (let i = 0; i < ring.length; i++) {
        const index = (ordered + i) % ring.length;
        const entry = ring[index] as RequestEntry;
        if (matches(entry, filter))
          kept.push({ id: entry.id, createdAt: seqs[index] as number, entry });
      }
      return paginate(kept, filter, "newest-first", (item) => item.entry);
    },
    entries,
    clear() {
      ring = [];
      seqs = [];
      next = 0;
      byId.clear();
    },
  };
}
