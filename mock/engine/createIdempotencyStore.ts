import { base64url, fromBase64url, toHex, utf8 } from "./base64url.js";
import type { CompiledOperation } from "./compileOperations.js";
import type { EngineAnswer } from "./EngineAnswer.js";
import type { Clock, HmacSha256 } from "./EngineContext.js";
import type { HeaderLookup } from "./EngineRequest.js";
import { ProblemError } from "./ProblemError.js";
import type { Principal, SavedReplay } from "./types.js";

const TTL_MS = 24 * 60 * 60 * 1000;
const MAX_ENTRIES = 10_000;
const decoder = new TextDecoder();
const EMPTY = new Uint8Array(0);

interface Entry {
  fingerprint: string;
  expiresAt: number;
  /** Null while the first request is still running. */
  answer: { status: number; contentType: string; sealed: Uint8Array } | null;
}

export interface IdempotentRun {
  /** The stored answer to a repeat of a completed request, or null: run it, then `settle`. */
  replay: EngineAnswer | null;
  settle(answer: EngineAnswer): void;
  abandon(): void;
}

/**
 * Idempotency-Key replays, so a retried POST cannot create twice. A stored answer may hold a key
 * secret (create and rotate show it once), so it is sealed under a keystream derived from the
 * client's raw Idempotency-Key, which is never kept: the store is indexed by a keyed digest of it.
 * A heap dump thus holds no readable secret, while the client that retries can still get its key.
 */
/** `onKept` receives each completed answer as it is kept, for the change log. */
export function createIdempotencyStore(
  hmac: HmacSha256,
  rootSecret: Uint8Array,
  clock: Clock,
  onKept: (replay: SavedReplay) => void = () => {},
) {
  const indexKey = hmac(rootSecret, utf8("idempotency-index"));
  const sealKey = hmac(rootSecret, utf8("idempotency-seal"));
  const entries = new Map<string, Entry>();

  /** XOR with HMAC(key, counter) blocks: a PRF in counter mode, its own inverse. */
  function crypt(key: Uint8Array, bytes: Uint8Array): Uint8Array {
    const out = new Uint8Array(bytes.length);
    for (let block = 0; block * 32 < bytes.length; block++) {
      const stream = hmac(key, utf8(String(block)));
      for (let i = 0; i < 32 && block * 32 + i < bytes.length; i++) {
        const at = block * 32 + i;
        out[at] = (bytes[at] as number) ^ (stream[i] as number);
      }
    }
    return out;
  }

  function evictExpired(now: number): void {
    for (const [index, entry] of entries) {
      if (entries.size <= MAX_ENTRIES && entry.expiresAt > now) break;
      entries.delete(index);
    }
  }

  // Operations whose spec declares an Idempotency-Key header replay a repeated request.
  const declares = new WeakMap<CompiledOperation, boolean>();
  const declared = (op: CompiledOperation): boolean => {
    let found = declares.get(op);
    if (found === undefined) {
      found = op.parameters.some((p) => p.in === "header" && p.name === "Idempotency-Key");
      declares.set(op, found);
    }
    return found;
  };

  const store = {
    /** A run for a POST that carries a key on an operation declaring one; else null. */
    forRequest(
      method: string,
      operation: CompiledOperation,
      headers: HeaderLookup,
      principal: Principal | null,
      pathname: string,
      body: Uint8Array | null,
    ): IdempotentRun | null {
      if (method !== "POST" || principal === null || !declared(operation)) return null;
      const key = headers.get("idempotency-key");
      if (key === null) return null;
      // The principal, not the token: a session is its user (a refresh changes the token, not
      // who is asking); a key is itself.
      const who =
        principal.kind === "session"
          ? `user:${principal.userId}`
          : `${principal.kind}:${principal.id}`;
      const scope = `${who}\n${operation.operationId}\n${pathname}`;
      return store.begin(scope, key, body);
    },

    /**
     * `scope` names the caller and the operation; `body` is the request body's bytes. The bytes,
     * not the parsed value, are fingerprinted: a value is walked recursively (a deep one overflows
     * the stack) and two texts may parse alike, while a retry sends the same bytes.
     */
    begin(scope: string, idempotencyKey: string, body: Uint8Array | null): IdempotentRun {
      const material = utf8(`${scope}\n${idempotencyKey}`);
      const index = toHex(hmac(indexKey, material));
      const fingerprint = toHex(hmac(indexKey, body ?? EMPTY));
      const now = clock.now();
      evictExpired(now);
      const found = entries.get(index);
      if (found !== undefined && found.expiresAt > now) {
        if (found.fingerprint !== fingerprint) {
          throw new ProblemError(
            400,
            "invalid_request",
            "This Idempotency-Key was already used with a different request body; use a new key for a new request.",
          );
        }
        if (found.answer === null) {
          throw new ProblemError(
            400,
            "invalid_request",
            "A request with this Idempotency-Key is still being processed; retry once it completes.",
          );
        }
        const { status, contentType, sealed } = found.answer;
        const body = decoder.decode(crypt(hmac(sealKey, material), sealed));
        const headers = { "content-type": contentType, "idempotent-replayed": "true" };
        return {
          replay: { status, headers, body },
          settle() {},
          abandon() {},
        };
      }
      const entry: Entry = { fingerprint, expiresAt: now + TTL_MS, answer: null };
      entries.set(index, entry);
      return {
        replay: null,
        settle(answer) {
          // Only successes are kept: a failed request changed nothing and may simply be re-sent.
          // Idempotent operations answer JSON text; anything else is not kept for a replay.
          const ok = answer.status >= 200 && answer.status < 300;
          if (!ok || typeof answer.body !== "string") return void entries.delete(index);
          const contentType = answer.headers["content-type"] ?? "application/json";
          const sealed = crypt(hmac(sealKey, material), utf8(answer.body));
          entry.answer = { status: answer.status, contentType, sealed };
          const { fingerprint, expiresAt } = entry;
          const status = answer.status;
          onKept({ index, fingerprint, expiresAt, status, contentType, sealed: base64url(sealed) });
        },
        abandon: () => void entries.delete(index),
      };
    },
    clear: () => entries.clear(),
    /**
     * Completed answers, for the state file: a retry after a crash must replay, not create twice.
     * Already sealed and indexed by digest, so the file holds no readable secret either.
     */
    saved(): SavedReplay[] {
      const now = clock.now();
      const saved: SavedReplay[] = [];
      for (const [index, { fingerprint, expiresAt, answer }] of entries) {
        if (answer === null || expiresAt <= now) continue;
        const { status, contentType, sealed } = answer;
        saved.push({
          index,
          fingerprint,
          expiresAt,
          status,
          contentType,
          sealed: base64url(sealed),
        });
      }
      return saved;
    },
    restore(saved: readonly SavedReplay[]): void {
      for (const { index, fingerprint, expiresAt, status, contentType, sealed } of saved) {
        const answer = { status, contentType, sealed: fromBase64url(sealed) };
        entries.set(index, { fingerprint, expiresAt, answer });
      }
    },
    /** The bytes kept for replays, as a memory dump would show them (for tests). */
    storedBytes: (): Uint8Array[] =>
      [...entries.values()].flatMap((entry) => (entry.answer ? [entry.answer.sealed] : [])),
  };
  return store;
}
