// Where the journal keeps its records: a ring of slots in typed arrays. Thousands of requests
// stay in the journal at once, and each one's own strings (its id, method, path, a refusal's
// detail) would be promoted to the old generation and die there, the garbage collector's work
// and the process's RSS growing with the journal (docs/decisions/request-journal.md). So those
// strings are copied into a byte slot per record, numbers into number arrays, and the check,
// outcome and constant detail of each step become codes of a small vocabulary; what is kept by
// reference is only what outlives the request anyway (the operation, the store's ids, scope
// lists, constants). Nothing of a request is an object on the heap once it is recorded.
import { createTextSlots } from "./createTextSlots.js";
import { createVocabulary } from "./createVocabulary.js";
import type { JournalRecord } from "./journalEntry.js";

/** Bytes of a slot's text (id, method, path, agent, failure details); a longer text overflows. */
const SLOT = 256;
/** More than the pipeline has checks, so a trail always fits. */
export const MAX_STEPS = 24;
/** Kept by reference, in this order: things that outlive the request. */
const REFS = [
  "operation",
  "code",
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
  "scheme",
] as const;
type RefField = (typeof REFS)[number];
/** Texts of a slot, in this order. */
const TEXTS = 4;
/** Codes a step's detail: a vocabulary word, none, or a text of the slot (below -1). */
const NO_DETAIL = -1;
/** Passing and skipped steps give constant details; past this many words, details are texts. */
const MAX_WORDS = 4096;

/** An agent context's source, by its code (0: none). */
const SOURCES = [null, "header", "key", "implied"] as const;

export interface RecordRing {
  write(index: number, record: JournalRecord, seq: number): void;
  read(index: number): JournalRecord;
  /** The sequence number `write` was given, for an index written. */
  seq(index: number): number;
  ref<F extends RefField>(index: number, field: F): JournalRecord[F];
  status(index: number): number;
  id(index: number): string;
}

export function createRecordRing(capacity: number): RecordRing {
  let slots = Math.min(capacity, 1024);
  let numbers = new Float64Array(slots * 3);
  let ints = new Int32Array(slots * (2 + TEXTS));
  let steps = new Uint16Array(slots * MAX_STEPS * 2);
  let details = new Int32Array(slots * MAX_STEPS);
  const texts = createTextSlots(slots, SLOT);
  const refs: unknown[] = [];
  const vocabulary = createVocabulary(MAX_WORDS);
  /** Doubles every array up to `capacity`, so a large journal costs memory only when used. */
  function grow(): void {
    slots = Math.min(capacity, slots * 2);
    const larger = <T extends Float64Array | Int32Array | Uint16Array>(old: T, each: number): T => {
      const next = new (old.constructor as new (length: number) => T)(slots * each);
      next.set(old);
      return next;
    };
    numbers = larger(numbers, 3);
    ints = larger(ints, 2 + TEXTS);
    steps = larger(steps, MAX_STEPS * 2);
    details = larger(details, MAX_STEPS);
    texts.resize(slots);
  }

  function write(index: number, record: JournalRecord, seq: number): void {
    if (index >= slots) grow();
    numbers[index * 3] = record.at;
    numbers[index * 3 + 1] = record.durationMs;
    numbers[index * 3 + 2] = seq;
    // Field by field, not in a loop over names: a store per field stays a monomorphic load.
    const r = index * REFS.length;
    refs[r] = record.operation;
    refs[r + 1] = record.code;
    refs[r + 2] = record.workspaceId;
    refs[r + 3] = record.kind;
    refs[r + 4] = record.presentedIn;
    refs[r + 5] = record.start;
    refs[r + 6] = record.principalKind;
    refs[r + 7] = record.principalId;
    refs[r + 8] = record.userId;
    refs[r + 9] = record.principalAgentId;
    refs[r + 10] = record.teamId;
    refs[r + 11] = record.held;
    refs[r + 12] = record.required;
    refs[r + 13] = record.scheme;
    const agent = record.agent;
    const textList: (string | null)[] = [
      record.id,
      record.method,
      record.path,
      agent?.agent_id ?? null,
    ];
    const trail = record.trail;
    const count = Math.min(trail.length / 3, MAX_STEPS);
    const base = index * MAX_STEPS;
    for (let i = 0; i < count; i++) {
      const check = trail[i * 3] as string;
      const outcome = trail[i * 3 + 1] as string;
      const detail = trail[i * 3 + 2] ?? null;
      // Check names and outcomes are the spec's enums: a closed set, always given a code.
      steps[(base + i) * 2] = vocabulary.codeAt(i * 3, check, true) as number;
      steps[(base + i) * 2 + 1] = vocabulary.codeAt(i * 3 + 1, outcome, true) as number;
      // A failure's detail is made for its request (it may quote the path): a text, not a word.
      const word =
        detail === null || outcome === "fail" ? undefined : vocabulary.codeAt(i * 3 + 2, detail);
      if (word !== undefined) details[base + i] = word;
      else if (detail === null) details[base + i] = NO_DETAIL;
      else {
        details[base + i] = -2 - detail.length;
        textList.push(detail);
      }
    }
    const at = index * (2 + TEXTS);
    ints[at] = record.status;
    ints[at + 1] = count | ((agent === null ? 0 : SOURCES.indexOf(agent.source)) << 8);
    for (let t = 0; t < TEXTS; t++) {
      const text = textList[t] ?? null;
      ints[at + 2 + t] = text === null ? -1 : text.length;
    }
    texts.write(index, textList);
  }

  /** The length of slot `index`'s texts, in characters. */
  function textLength(index: number): number {
    const at = index * (2 + TEXTS);
    let length = 0;
    for (let t = 0; t < TEXTS; t++) length += Math.max(0, ints[at + 2 + t] as number);
    const base = index * MAX_STEPS;
    const count = (ints[at + 1] as number) & 0xff;
    for (let i = 0; i < count; i++) {
      const d = details[base + i] as number;
      if (d < NO_DETAIL) length += -2 - d;
    }
    return length;
  }

  return {
    write,
    read(index) {
      const all = texts.read(index, textLength(index));
      const at = index * (2 + TEXTS);
      let pos = 0;
      const next = (length: number): string | null => {
        if (length < 0) return null;
        pos += length;
        return all.slice(pos - length, pos);
      };
      const [id, method, path, agentId] = [0, 1, 2, 3].map((t) => next(ints[at + 2 + t] as number));
      const packed = ints[at + 1] as number;
      const source = SOURCES[packed >> 8] ?? null;
      const trail: (string | null)[] = [];
      const base = index * MAX_STEPS;
      for (let i = 0; i < (packed & 0xff); i++) {
        const d = details[base + i] as number;
        trail.push(
          vocabulary.word(steps[(base + i) * 2] as number),
          vocabulary.word(steps[(base + i) * 2 + 1] as number),
          d >= 0 ? vocabulary.word(d) : d === NO_DETAIL ? null : next(-2 - d),
        );
      }
      const record: Record<string, unknown> = {
        id,
        method,
        path,
        at: numbers[index * 3],
        durationMs: numbers[index * 3 + 1],
        status: ints[at],
        agent: source === null || agentId === null ? null : { agent_id: agentId, source },
        trail,
      };
      for (let f = 0; f < REFS.length; f++)
        record[REFS[f] as RefField] = refs[index * REFS.length + f];
      return record as unknown as JournalRecord;
    },
    seq: (index) => numbers[index * 3 + 2] as number,
    ref: (index, field) => refs[index * REFS.length + REFS.indexOf(field)] as never,
    status: (index) => ints[index * (2 + TEXTS)] as number,
    id(index) {
      const length = ints[index * (2 + TEXTS) + 2] as number;
      return texts.read(index, length);
    },
  };
}
