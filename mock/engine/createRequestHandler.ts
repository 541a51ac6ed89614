import { openapiDocument, openapiYaml } from "../../src/generated/openapi.js";
import type { OperationId } from "../../src/generated/security.js";
import { authenticate } from "./authenticate.js";
import { authorizeChecks } from "./authorize.js";
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
import { type Credential, extractCredential, rejectKeysInQuery } from "./extractCredential.js";
import { applyFault } from "./faults/applyFault.js";
import { faultWorkspace } from "./faults/faultWorkspace.js";
import { Decision } from "./journal/Decision.js";
import { routeMiss } from "./journal/routeMiss.js";
import { ProblemError } from "./ProblemError.js";
import type { createRateLimiter } from "./rateLimiter.js";
import { NO_BODY, readJsonBody } from "./readJsonBody.js";
import { rejectConnect } from "./rejectConnect.js";
import { rejectRepeatedHeaders } from "./rejectRepeatedHeaders.js";
import { requestId } from "./requestId.js";
import { resolveAgentContext } from "./resolveAgentContext.js";
import { respond } from "./respond.js";
import type { OperationHandlers, OperationInput, OperationResult, Principal } from "./types.js";
import { validateRequest } from "./validateRequest.js";
import { credentialsMissing } from "./wwwAuthenticate.js";

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

/** What one request learned on its way through, for the response headers and the log. */
export interface RequestState {
  id: string;
  operation: CompiledOperation | null;
  principal: Principal | null;
  rateHeaders: Record<string, string> | null;
  /** Set once the implementation ran: only then can state have changed. */
  ranHandler: boolean;
  /** The checks run so far; a failing one holds the problem the answer is built from. */
  decision: Decision;
  /** The credential as presented, for the journal to attribute even if refused; never kept. */
  credential: Credential | null;
  /** Set while the query is checked for keys: a refusal there names the key's workspace too. */
  keyInQuery: boolean;
  /** The parsed body, for the journal to attribute a sign-in or refresh to its workspace. */
  body: unknown;
  agent: { agent_id: string; source: "header" | "key" | "implied" } | null;
}

type AnyHandler = (input: OperationInput<OperationId>) => Promise<OperationResult<OperationId>>;

let specJson: string | undefined;

// Details of passing steps: constants, so a request that passes pays for no string building.
const NO_KEY_IN_QUERY = "no API key or session token in the query";
const SINGLE_HEADERS = "no single-valued header sent twice";
const ADDRESS_OK = "this address is under its failed-authentication limit";
const PUBLIC = "a public operation: no credential needed";
const BODY_OK = "the body is JSON of an accepted size";
const VALID = "parameters and body match the spec";
const SIGN_IN_OK = "this account is under its sign-in limit";
const UNDER_LIMIT = "under the rate limit";
const REPLAYED = "replayed the answer to an earlier request with this key";
const FAULT_FIRED = {
  status: "a fault rule fired: status",
  delay: "a fault rule fired: delay",
  drop: "a fault rule fired: drop",
  token_expired: "a fault rule fired: token_expired",
} as const;

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
  const auth = {
    store: ctx.store,
    clock: ctx.clock,
    crypto: parts.crypto,
    sessions: parts.sessions,
  };

  async function run(request: EngineRequest, state: RequestState): Promise<EngineAnswer> {
    const pathname = request.path;
    const method = request.method;
    if (method === "GET" && pathname.startsWith("/openapi.")) {
      if (pathname === "/openapi.json" || pathname === "/openapi.yaml") {
        state.decision.pass("route", "the spec document, served to anyone");
      }
      if (pathname === "/openapi.json") {
        specJson ??= JSON.stringify(openapiDocument);
        return { status: 200, headers: { "content-type": "application/json" }, body: specJson };
      }
      if (pathname === "/openapi.yaml") {
        return { status: 200, headers: { "content-type": "application/yaml" }, body: openapiYaml };
      }
    }
    const decision = state.decision;
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

    let principal: Principal | null = null;
    if (operation.security.public) decision.skip("credential", PUBLIC);
    else {
      let credential: Credential | null;
      try {
        credential = extractCredential(headers, search, operation);
      } catch (error) {
        throw error instanceof ProblemError ? decision.fail("credential", error) : error;
      }
      if (credential === null) throw decision.fail("credential", credentialsMissing());
      state.credential = credential;
      decision.pass("credential");
      try {
        const authenticated = authenticate(credential, auth);
        principal = authenticated instanceof Promise ? await authenticated : authenticated;
      } catch (error) {
        throw error instanceof ProblemError ? decision.fail("authenticate", error) : error;
      }
      state.principal = principal;
      decision.pass("authenticate");
      if (rateLimiter !== null) {
        // A user is one principal whatever it holds: signing in again must not reset its count.
        const who =
          principal.userId !== null
            ? `user:${principal.userId}`
            : `${principal.kind}:${principal.id}`;
        const verdict = rateLimiter.take(who);
        state.rateHeaders = verdict.headers;
        if (!verdict.ok) {
          throw decision.fail(
            "rate_limit",
            new ProblemError(
              429,
              "rate_limited",
              `Too many requests for this credential; retry after ${verdict.retryAfter} seconds.`,
              { retry_after: verdict.retryAfter },
              { "retry-after": String(verdict.retryAfter) },
            ),
          );
        }
        decision.pass("rate_limit", UNDER_LIMIT);
      }
      for (const { check, decide } of authorizeChecks) {
        const outcome = decide(principal, operation, params);
        if (outcome instanceof ProblemError) throw decision.fail(check, outcome);
        decision.record(check, outcome.outcome, outcome.detail);
      }
    }

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
    // Fault rules (POST /_sandbox/faults), once the request is known valid and whose it is.
    if (ctx.faults.size > 0) {
      const owner = faultWorkspace(ctx, operation.operationId, principal, body);
      const action =
        owner &&
        ctx.faults.take({ ...owner, operationId: operation.operationId, method, path: pathname });
      if (action) {
        let dropped: EngineAnswer | null;
        try {
          dropped = await applyFault(action, request.signal);
        } catch (error) {
          throw error instanceof ProblemError ? decision.fail("fault", error) : error;
        }
        decision.pass("fault", FAULT_FIRED[action.type]);
        if (dropped !== null) return dropped;
      }
    }

    const run = idempotency.forRequest(method, operation, headers, principal, pathname, read.bytes);
    if (run === null)
      return invoke(operation, request, state, path, query, body, principal, agentId);
    if (run.replay) {
      decision.pass("idempotency", REPLAYED);
      return run.replay;
    }
    try {
      const answer = await invoke(operation, request, state, path, query, body, principal, agentId);
      run.settle(answer);
      return answer;
    } catch (error) {
      run.abandon();
      throw error;
    }
  }

  async function invoke(
    operation: CompiledOperation,
    request: EngineRequest,
    state: RequestState,
    path: unknown,
    query: unknown,
    body: unknown,
    principal: Principal | null,
    agentId: string | null,
  ): Promise<EngineAnswer> {
    state.ranHandler = true;
    const handler = handlers[operation.operationId] as unknown as AnyHandler;
    let result: OperationResult<OperationId>;
    try {
      result = await handler({
        operationId: operation.operationId,
        request,
        requestId: state.id,
        path: path as never,
        query: query as never,
        body: body as never,
        principal,
        agentId,
      });
    } catch (error) {
      throw error instanceof ProblemError ? state.decision.fail("handler", error) : error;
    }
    state.decision.pass("handler");
    try {
      return respond(result, operation, state.id, ctx.options.strict === true);
    } catch (error) {
      throw error instanceof ProblemError ? state.decision.fail("contract", error) : error;
    }
  }

  return {
    newState(operation: CompiledOperation | null = null): RequestState {
      return {
        id: requestId(parts.random),
        operation,
        principal: null,
        rateHeaders: null,
        ranHandler: false,
        decision: new Decision(),
        credential: null,
        keyInQuery: false,
        body: undefined,
        agent: null,
      };
    },
    run,
  };
}
