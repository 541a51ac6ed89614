import { openapiDocument } from "../../src/generated/openapi.js";
import { base64url, fromBase64url } from "./base64url.js";
import { compileOperations } from "./compileOperations.js";
import { compileRoutes } from "./compileRoutes.js";
import { createClock } from "./createClock.js";
import { createCrypto } from "./createCrypto.js";
import { createIdempotencyStore } from "./createIdempotencyStore.js";
import { createRandom } from "./createRandom.js";
import { createRequestHandler } from "./createRequestHandler.js";
import { createSessionService } from "./createSessionService.js";
import { createDefaultHmac } from "./defaultHmac.js";
import type { EngineContext, SandboxOptions } from "./EngineContext.js";
import { FaultRules } from "./faults/FaultRules.js";
import { errorResponse, finishResponse } from "./finishResponse.js";
import { createHandlers } from "./operations/index.js";
import { asResponse, type EngineAnswer } from "./PlainResponse.js";
import { parseDuration } from "./parseDuration.js";
import { createRateLimiter } from "./rateLimiter.js";
import { Store } from "./Store.js";
import type { OperationHandlers, Snapshot } from "./types.js";

export interface Engine {
  /** The engine: a fetch-shaped function from a Web Request to a Response. */
  handle(request: Request): Promise<Response>;
  /**
   * `handle` without the last step: ordinary JSON answers come back as a PlainResponse (status,
   * header record, body text) instead of a Response. For the Node server, which writes those to
   * the socket directly; everything else should call `handle`.
   */
  handlePlain(request: Request): Promise<EngineAnswer>;
  /** The services the operations use: store, clock, crypto, sessions. */
  readonly context: EngineContext;
  /** Full state including server secrets and the clock offset, for a state file. */
  snapshot(): Snapshot;
  /** Empties the store, puts the clock back to real time and clears caches and rate limits. */
  reset(): void;
  /** Resolves once the ES256 session key is loaded or generated; `handle` awaits it itself. */
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
  const rootSecret = saved?.serverSecrets.root
    ? fromBase64url(saved.serverSecrets.root)
    : random.bytes(32);
  const hmac = options.hmac ?? createDefaultHmac();
  const crypto = createCrypto({ hmac, random, rootSecret });
  const clock = createClock(options.now ?? Date.now, saved?.clockOffsetMs ?? 0);
  const store = new Store();
  if (saved) store.restore(saved);
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
  if (options.rateLimit) {
    const { limit, window = "1s" } = options.rateLimit;
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError("rateLimit.limit must be a positive integer.");
    }
    rateLimiter = createRateLimiter(limit, parseDuration(window), clock);
  }

  const snapshot = (): Snapshot => {
    const serverSecrets: Record<string, string> = { root: base64url(rootSecret) };
    const jwk = sessions.savedJwk();
    if (jwk !== undefined) serverSecrets.jwk = jwk;
    return { ...store.snapshot(), serverSecrets, clockOffsetMs: clock.offsetMs };
  };
  const context: EngineContext = {
    store,
    clock,
    crypto,
    sessions,
    faults: new FaultRules(),
    options,
    sessionTtlMs,
    refreshTtlMs,
    async persist() {
      if (options.onPersist) await options.onPersist(snapshot());
    },
  };
  const handlers = { ...createHandlers(context), ...options.handlers } as OperationHandlers;
  const idempotency = createIdempotencyStore(hmac, rootSecret, clock);
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
  });

  let isReady = false;
  const ready = sessions.ready.then(() => {
    isReady = true;
  });

  async function handlePlain(request: Request): Promise<EngineAnswer> {
    if (!isReady) await ready;
    const started = options.logger ? performance.now() : 0;
    const state = pipeline.newState();
    let response: EngineAnswer;
    let error: unknown;
    try {
      response = await pipeline.run(request, state);
      if (state.ranHandler && request.method !== "GET" && request.method !== "HEAD") {
        await context.persist();
      }
    } catch (thrown) {
      error = thrown;
      response = errorResponse(thrown, state.id, state, options.strict === true);
      if (state.ranHandler && request.method !== "GET" && request.method !== "HEAD") {
        await context.persist().catch(() => undefined);
      }
    }
    return finishResponse(response, request, state, error, started, options.logger);
  }

  return {
    handle: async (request) => asResponse(await handlePlain(request)),
    handlePlain,
    context,
    snapshot,
    reset() {
      store.clear();
      clock.reset();
      sessions.clearCache();
      rateLimiter?.clear();
      idempotency.clear();
      context.faults.clear();
    },
    ready,
  };
}
