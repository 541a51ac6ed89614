import type { OperationId } from "../../src/generated/security.js";
import { authorizeRequest } from "./authorizeRequest.js";
import type { CompiledOperation } from "./compileOperations.js";
import type { compileRoutes } from "./compileRoutes.js";
import type { createAuthThrottle } from "./createAuthThrottle.js";
import type { SandboxCrypto } from "./createCrypto.js";
import type { createIdempotencyStore } from "./createIdempotencyStore.js";
import type { Random } from "./createRandom.js";
import type { SandboxSessions } from "./createSessionService.js";
import type { EngineAnswer } from "./EngineAnswer.js";
import type { EngineContext } from "./EngineContext.js";
import type { EngineRequest } from "./EngineRequest.js";
import { rejectKeysInQuery } from "./extractCredential.js";
import { fireFaultRule } from "./faults/fireFaultRule.js";
import { type CallInput, invokeOperation } from "./invokeOperation.js";
import { routeMiss } from "./journal/routeMiss.js";
import { createRequestState, type RequestState } from "./RequestState.js";
import type { createRateLimiter } from "./rateLimiter.js";
import { NO_BODY, readJsonBody } from "./readJsonBody.js";
import { rejectConnect } from "./rejectConnect.js";
import { rejectRepeatedHeaders } from "./rejectRepeatedHeaders.js";
import { requestId } from "./requestId.js";
import { resolveAgentContext } from "./resolveAgentContext.js";
import { serveSpecDocument } from "./serveSpecDocument.js";
import type { OperationHandlers } from "./types.js";

import { validateRequest } from "./validateRequest.js";

export type { RequestState } from "./RequestState.js";

export interface RequestHandlerParts {
  /** The services the operations share. */
  ctx: EngineContext;
  /** The engine's crypto, with signed-token verification. */
  crypto: SandboxCrypto;
  /** Sessions, with the claims cache. */
  sessions: SandboxSessions;
  /** Source of request ids. */
  random: Random;
  /** One implementation per operation. */
  handlers: OperationHandlers;
  /** The spec's routes. */
  routes: ReturnType<typeof compileRoutes>;
  /** Per-credential limiter, or null when rate limiting is off. */
  rateLimiter: ReturnType<typeof createRateLimiter> | null;
  idempotency: ReturnType<typeof createIdempotencyStore>;
  /** Brute-force limits (failed authentication per address, sign-ins per account), or null. */
  throttle: ReturnType<typeof createAuthThrottle> | null;
}

// Details of passing steps: constants, so a request that passes pays for no string building.
const NO_KEY_IN_QUERY = "no API key or session token in the query";
const SINGLE_HEADERS = "no single-valued header sent twice";
const ADDRESS_OK = "this address is under its failed-authentication limit";
const BODY_OK = "the body is JSON of an accepted size";
const VALID = "parameters and body match the spec";
const SIGN_IN_OK = "this account is under its sign-in limit";
const REPLAYED = "replayed the answer to an earlier request with this key";

/** Public operations that take a secret in the body: the per-address failure budget governs them. */
const TAKES_SECRETS: ReadonlySet<OperationId> = new Set([
  "authenticate",
  "refreshSession",
  "revokeToken",
]);

/**
 * The request path, in the order docs/decisions/request-pipeline.md explains: spec documents → route (404/405) → credential and
 * authentication (400/401) → rate limit (429) → kind, scope, workspace, resource (403) → body
 * (413/415/400) → schema validation (400) → agent context (400/403) → the implementation.
 */
export function createRequestHandler(parts: RequestHandlerParts) {
  const { ctx, routes, rateLimiter, handlers, idempotency, throttle } = parts;
  const { crypto, sessions } = parts;
  const authParts = { auth: { store: ctx.store, clock: ctx.clock, crypto, sessions }, rateLimiter };
  const invoke = (
    operation: CompiledOperation,
    request: EngineRequest,
    state: RequestState,
    input: CallInput,
  ) => invokeOperation(handlers, ctx.options.strict === true, operation, request, state, input);

  async function run(request: EngineRequest, state: RequestState): Promise<EngineAnswer> {
    const pathname = request.path;
    const method = request.method;
    const decision = state.decision;
    if (method === "GET" && pathname.startsWith("/openapi.")) {
      const spec = serveSpecDocument(pathname, decision);
      if (spec !== null) return spec;
    }
    if (method === "CONNECT") decision.run("route", null, () => rejectConnect(pathname));
    const match = routes.match(method, pathname);
    if (match.kind !== "found") throw decision.fail("route", routeMiss(match, method, pathname));
    const { operation, params } = match;
    state.operation = operation;
    decision.pass("route");
    const search = request.query === "" ? null : new URLSearchParams(request.query);
    if (search !== null) {
      state.keyInQuery = true;
      decision.run("credential_location", NO_KEY_IN_QUERY, () => rejectKeysInQuery(search));
      state.keyInQuery = false;
    }
    const headers = request.headers;
    decision.run("headers", SINGLE_HEADERS, () => rejectRepeatedHeaders(headers));
    if (
      throttle !== null &&
      (!operation.security.public || TAKES_SECRETS.has(operation.operationId))
    ) {
      state.rateHeaders = decision.run("address_throttle", ADDRESS_OK, () =>
        throttle.checkAddress(request.remoteAddress),
      );
    }

    const authorized = authorizeRequest(request, state, operation, params, search, authParts);
    const principal = authorized instanceof Promise ? await authorized : authorized;
    const read = operation.body
      ? decision.run("body", BODY_OK, () => readJsonBody(request, operation))
      : NO_BODY;
    const body = read.value;
    state.body = body;
    const { path, query } = decision.run("validation", VALID, () =>
      validateRequest(operation, params, search, headers, body),
    );
    if (throttle !== null && operation.operationId === "authenticate") {
      state.rateHeaders = decision.run("sign_in_throttle", SIGN_IN_OK, () =>
        throttle.takeSignIn((body as { email: string }).email),
      );
    }
    let agentId: string | null = null;
    if (principal !== null && operation.security.agentContext !== "none") {
      const header = headers.get("x-agent-id");
      const acting = principal;
      agentId = decision.run("agent_context", null, () =>
        resolveAgentContext(acting, operation, header, ctx.store),
      );
      if (agentId !== null) {
        const source =
          principal.kind === "agent_key" ? "key" : header !== null ? "header" : "implied";
        state.agent = { agent_id: agentId, source };
      }
    }
    // Fault rules (POST /_sandbox/faults): only when there are any, so no turn of the event loop
    // is spent on them otherwise.
    if (ctx.faults.size > 0) {
      const { operationId } = operation;
      const target = {
        operationId,
        method,
        path: pathname,
        principal,
        body,
        signal: request.signal,
      };
      const dropped = await fireFaultRule(ctx, decision, target);
      if (dropped !== null) return dropped;
    }

    const run = idempotency.forRequest(method, operation, headers, principal, pathname, read.bytes);
    if (run === null)
      return invoke(operation, request, state, { path, query, body, principal, agentId });
    if (run.replay) {
      decision.pass("idempotency", REPLAYED);
      return run.replay;
    }
    try {
      const answer = await invoke(operation, request, state, {
        path,
        query,
        body,
        principal,
        agentId,
      });
      run.settle(answer);
      return answer;
    } catch (error) {
      run.abandon();
      throw error;
    }
  }

  return {
    newState: (operation: CompiledOperation | null = null): RequestState =>
      createRequestState(requestId(parts.random), operation),
    run,
  };
}
