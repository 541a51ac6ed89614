import { openapiDocument } from "../../src/generated/openapi.js";
import { base64url, fromBase64url } from "./base64url.js";
import { applyChange } from "./changes/applyChange.js";
import type { ChangeBatch } from "./changes/Change.js";
import { createChangeFeed, storeUnavailable } from "./changes/createChangeFeed.js";
import { checkRateHeaders } from "./checkRateHeaders.js";
import { compileOperations } from "./compileOperations.js";
import { compileRoutes } from "./compileRoutes.js";
import { createAuthThrottle } from "./createAuthThrottle.js";
import { createClock } from "./createClock.js";
import { createCrypto } from "./createCrypto.js";
import { createIdempotencyStore } from "./createIdempotencyStore.js";
import { createRandom } from "./createRandom.js";
import { createRequestHandler } from "./createRequestHandler.js";
import { createSessionService } from "./createSessionService.js";
import { createDefaultHmac } from "./defaultHmac.js";
import type { EngineAnswer } from "./EngineAnswer.js";
import type { EngineContext, SandboxOptions } from "./EngineContext.js";
import type { EngineRequest } from "./EngineRequest.js";
import { FaultRules } from "./faults/FaultRules.js";
import { errorResponse, finishResponse } from "./finishResponse.js";
import {
  createRequestJournal,
  isJournalRead,
  journalSize,
} from "./journal/createRequestJournal.js";
import { captureRecord } from "./journal/journalEntry.js";
import { createHandlers } from "./operations/index.js";
import { ProblemError } from "./ProblemError.js";
import { parseDuration } from "./parseDuration.js";
import { createRateLimiter } from "./rateLimiter.js";
import { Store } from "./Store.js";
import { snapshotProblem } from "./snapshotProblem.js";
import type { OperationHandlers, SavedReplay, Snapshot } from "./types.js";
import { fromWebRequest, toWebResponse } from "./webAdapter.js";

export interface Engine {
  /**
   * The engine itself: one plain answer (status, header record, body) for every request,
   * problems and event streams included. Adapters build the request and write the answer.
   */
  answer(request: EngineRequest): Promise<EngineAnswer>;
  /** The engine behind the fetch contract, Web Request to Response (sandbox.fetch, MSW). */
  fetch(request: Request): Promise<Response>;
  /** The services the operations use: store, clock, crypto, sessions. */
  readonly context: EngineContext;
  /** Full state including server secrets and the clock offset, for a state file. */
  snapshot(): Snapshot;
  /** Empties the store, puts the clock back to real time and clears caches and rate limits. */
  reset(): void;
  /** Applies every change other replicas appended so far (a no-op without a shared log). */
  sync(): Promise<void>;
  /** Resolves once the ES256 session key is loaded or generated; `answer` awaits it itself. */
  ready: Promise<void>;
}

export interface EngineOptions extends SandboxOptions {
  /**
   * Replaces some operation implementations. A seam for the engine's own tests (for example a
   * handler that breaks the contract, to see strict mode catch it); not for users.
   */
  handlers?: Partial<OperationHandlers>;
}

// Spec-derived tables are the same for every engine in the process; derive them once.
let routeTable: ReturnType<typeof compileRoutes> | undefined;

/** Creates a sandbox engine: state, crypto, sessions and the request path, from the spec. */
export function createEngine(options: EngineOptions = {}): Engine {
  const random = createRandom(options.seed);
  const saved = options.state;
  const problem = saved === undefined ? null : snapshotProblem(saved, (options.now ?? Date.now)());
  if (problem !== null) throw new RangeError(`The sandbox state cannot be used: ${problem}.`);
  const rootSecret = saved?.serverSecrets.root
    ? fromBase64url(saved.serverSecrets.root)
    : random.bytes(32);
  const hmac = options.hmac ?? createDefaultHmac();
  const crypto = createCrypto({ hmac, random, rootSecret });
  const changes = createChangeFeed(options.changeLog);
  const store = new Store();
  if (saved) store.restore(saved);
  const clock = createClock(options.now ?? Date.now, saved?.clockOffsetMs ?? 0, (offsetMs) =>
    changes.record({ t: "clock", offsetMs }),
  );
  if (options.changeLog) store.onChange = changes.record;
  const idempotency = createIdempotencyStore(hmac, rootSecret, clock, (replay) =>
    changes.record({ t: "replay", r: replay }),
  );
  if (saved?.replays) idempotency.restore(saved.replays);
  const sessionTtlMs = parseDuration(options.sessionTtl ?? "15m");
  const refreshTtlMs = parseDuration(options.refreshTtl ?? "30d");
  const sessions = createSessionService({
    store,
    clock,
    crypto,
    sessionTtlMs,
    refreshTtlMs,
    trustedIssuers: options.trustedIssuers ?? [],
    savedJwk: saved?.serverSecrets.jwk,
  });
  let rateLimiter: ReturnType<typeof createRateLimiter> | null = null;
  let throttle: ReturnType<typeof createAuthThrottle> | null = null;
  if (options.rateLimit) {
    const { limit, window = "1s", failedAuth = limit, signIns = limit } = options.rateLimit;
    for (const [name, value] of Object.entries({ limit, failedAuth, signIns })) {
      if (!Number.isInteger(value) || value < 1) {
        throw new RangeError(`rateLimit.${name} must be a positive integer.`);
      }
    }
    const windowMs = parseDuration(window);
    rateLimiter = createRateLimiter(limit, windowMs, clock);
    throttle = createAuthThrottle({ failures: failedAuth, signIns, windowMs }, clock);
  }

  const snapshot = (): Snapshot => {
    const serverSecrets: Record<string, string> = { root: base64url(rootSecret) };
    const jwk = sessions.savedJwk();
    if (jwk !== undefined) serverSecrets.jwk = jwk;
    const replays = idempotency.saved();
    return { ...store.snapshot(), serverSecrets, clockOffsetMs: clock.offsetMs, replays };
  };
  const capacity = journalSize(options.journal);
  const journal = capacity > 0 ? createRequestJournal(capacity) : null;
  const authServices = { store, clock, crypto, sessions };
  const context: EngineContext = {
    store,
    clock,
    crypto,
    sessions,
    faults: new FaultRules(),
    journal,
    options,
    sessionTtlMs,
    refreshTtlMs,
    async persist() {
      await changes.flush();
      if (options.onPersist) await options.onPersist(snapshot());
    },
  };
  const handlers = { ...createHandlers(context), ...options.handlers } as OperationHandlers;
  routeTable ??= compileRoutes(compileOperations(openapiDocument));
  const pipeline = createRequestHandler({
    ctx: context,
    crypto,
    sessions,
    random,
    handlers,
    routes: routeTable,
    rateLimiter,
    idempotency,
    throttle,
  });

  let isReady = false;
  const ready = sessions.ready.then(() => {
    isReady = true;
  });

  const catchUp = options.changeLog?.catchUp?.bind(options.changeLog);
  const beside = {
    setOffset: (ms: number) => clock.setOffset(ms),
    keepReplay: (replay: SavedReplay) => idempotency.restore([replay]),
  };
  const applyBatch = (batch: ChangeBatch) => {
    for (const change of batch) applyChange(store, beside, change);
  };
  /** Applies what other replicas appended before this request arrived; 503 if that fails. */
  async function sync(): Promise<void> {
    if (catchUp === undefined) return;
    try {
      await catchUp(applyBatch);
    } catch {
      throw storeUnavailable();
    }
  }

  async function answer(request: EngineRequest): Promise<EngineAnswer> {
    if (!isReady) await ready;
    const started = options.logger || journal !== null ? performance.now() : 0;
    const state = pipeline.newState();
    let response: EngineAnswer;
    let error: unknown;
    try {
      if (catchUp) await sync();
      response = await pipeline.run(request, state);
      if (state.ranHandler && request.method !== "GET" && request.method !== "HEAD") {
        await context.persist();
      } else if (catchUp) {
        // Replicas: what a read changed (a key's last use) must show on the next request,
        // whichever replica takes it. A single process writes it behind instead.
        await changes.flush();
      } else changes.flushSoon();
    } catch (thrown) {
      error = thrown;
      // Every failed authentication counts against the client's address (brute force).
      if (throttle !== null && thrown instanceof ProblemError && thrown.status === 401) {
        state.rateHeaders = throttle.recordFailure(request.remoteAddress) ?? state.rateHeaders;
      }
      response = errorResponse(thrown, state, options.strict === true);
      if (state.ranHandler && request.method !== "GET" && request.method !== "HEAD") {
        await context.persist().catch(() => undefined);
      } else if (catchUp) await changes.flush().catch(() => undefined);
      else changes.flushSoon();
    }
    if (options.strict === true) response = checkRateHeaders(response, state);
    const finished = finishResponse(response, request, state, error, started, options.logger);
    if (journal !== null && !isJournalRead(state.operation)) {
      const ms = performance.now() - started;
      journal.record(captureRecord(request, state, finished, ms, context, authServices));
    }
    return finished;
  }

  return {
    answer,
    fetch: async (request) =>
      toWebResponse(await answer(await fromWebRequest(request)), request.method),
    context,
    snapshot,
    sync,
    reset() {
      store.clear();
      clock.reset();
      sessions.clearCache();
      rateLimiter?.clear();
      throttle?.clear();
      idempotency.clear();
      context.faults.clear();
      journal?.clear();
    },
    ready,
  };
}
