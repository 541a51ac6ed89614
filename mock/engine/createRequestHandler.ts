import { openapiDocument, openapiYaml } from "../../src/generated/openapi.js";
import type { OperationId } from "../../src/generated/security.js";
import { authenticate } from "./authenticate.js";
import { authorize } from "./authorize.js";
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
import { extractCredential, rejectKeysInQuery } from "./extractCredential.js";
import { applyFault } from "./faults/applyFault.js";
import { faultWorkspace } from "./faults/faultWorkspace.js";
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
}

type AnyHandler = (input: OperationInput<OperationId>) => Promise<OperationResult<OperationId>>;

let specJson: string | undefined;

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
      if (pathname === "/openapi.json") {
        specJson ??= JSON.stringify(openapiDocument);
        return { status: 200, headers: { "content-type": "application/json" }, body: specJson };
      }
      if (pathname === "/openapi.yaml") {
        return { status: 200, headers: { "content-type": "application/yaml" }, body: openapiYaml };
      }
    }
    if (method === "CONNECT") rejectConnect(pathname);
    const match = routes.match(method, pathname);
    if (match.kind === "not_found") {
      throw new ProblemError(404, "not_found", `There is no ${pathname} in this API.`);
    }
    if (match.kind === "method_not_allowed") {
      throw new ProblemError(
        405,
        "method_not_allowed",
        `${pathname} does not answer ${method}; it answers ${match.allow}.`,
        {},
        { allow: match.allow },
      );
    }
    const { operation, params } = match;
    state.operation = operation;
    const search = request.query === "" ? null : new URLSearchParams(request.query);
    if (search !== null) rejectKeysInQuery(search);
    const headers = request.headers;
    rejectRepeatedHeaders(headers);
    if (
      throttle !== null &&
      (!operation.security.public || TAKES_SECRETS.has(operation.operationId))
    ) {
      state.rateHeaders = throttle.checkAddress(request.remoteAddress);
    }

    let principal: Principal | null = null;
    if (!operation.security.public) {
      const credential = extractCredential(headers, search, operation);
      if (credential === null) throw credentialsMissing();
      const authenticated = authenticate(credential, auth);
      principal = authenticated instanceof Promise ? await authenticated : authenticated;
      state.principal = principal;
      if (rateLimiter !== null) {
        // A user is one principal whatever it holds: signing in again must not reset its count.
        const who =
          principal.userId !== null
            ? `user:${principal.userId}`
            : `${principal.kind}:${principal.id}`;
        const verdict = rateLimiter.take(who);
        state.rateHeaders = verdict.headers;
        if (!verdict.ok) {
          throw new ProblemError(
            429,
            "rate_limited",
            `Too many requests for this credential; retry after ${verdict.retryAfter} seconds.`,
            { retry_after: verdict.retryAfter },
            { "retry-after": String(verdict.retryAfter) },
          );
        }
      }
      authorize(principal, operation, params);
    }

    const read = operation.body ? readJsonBody(request, operation) : NO_BODY;
    const body = read.value;
    const { path, query } = validateRequest(operation, params, search, headers, body);
    if (throttle !== null && operation.operationId === "authenticate") {
      state.rateHeaders = throttle.takeSignIn((body as { email: string }).email);
    }
    const agentId =
      principal === null
        ? null
        : resolveAgentContext(principal, operation, headers.get("x-agent-id"), ctx.store);
    // Fault rules (POST /_sandbox/faults), once the request is known valid and whose it is.
    if (ctx.faults.size > 0) {
      const owner = faultWorkspace(ctx, operation.operationId, principal, body);
      const action =
        owner &&
        ctx.faults.take({ ...owner, operationId: operation.operationId, method, path: pathname });
      const dropped = action ? await applyFault(action, request.signal) : null;
      if (dropped !== null) return dropped;
    }

    const run = idempotency.forRequest(method, operation, headers, principal, pathname, read.bytes);
    if (run === null)
      return invoke(operation, request, state, path, query, body, principal, agentId);
    if (run.replay) return run.replay;
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
    const result = await handler({
      operationId: operation.operationId,
      request,
      requestId: state.id,
      path: path as never,
      query: query as never,
      body: body as never,
      principal,
      agentId,
    });
    return respond(result, operation, state.id, ctx.options.strict === true);
  }

  return {
    newState(operation: CompiledOperation | null = null): RequestState {
      return {
        id: requestId(parts.random),
        operation,
        principal: null,
        rateHeaders: null,
        ranHandler: false,
      };
    },
    run,
  };
}
