// The credential stage of the pipeline, as steps of the decision: where the credential is
// (credential), whose it is (authenticate), its budget (rate_limit), then what it may do here
// (the four checks of `authorizeChecks`). Synchronous unless authentication has to wait (an
// outside issuer's keys), so a request with a key pays for no extra turn of the event loop.
import { type AuthServices, authenticate } from "./authenticate.js";
import { authorizeChecks } from "./authorize.js";
import type { CompiledOperation } from "./compileOperations.js";
import type { EngineRequest } from "./EngineRequest.js";
import { type Credential, extractCredential } from "./extractCredential.js";
import type { Decision } from "./journal/Decision.js";
import { ProblemError } from "./ProblemError.js";
import type { RequestState } from "./RequestState.js";
import type { createRateLimiter } from "./rateLimiter.js";
import type { Principal } from "./types.js";
import { credentialsMissing } from "./wwwAuthenticate.js";

// Details of passing steps: constants, so a request that passes pays for no string building.
const PUBLIC = "a public operation: no credential needed";
const UNDER_LIMIT = "under the rate limit";

export interface AuthorizeParts {
  auth: AuthServices;
  /** Per-credential limiter, or null when rate limiting is off. */
  rateLimiter: ReturnType<typeof createRateLimiter> | null;
}

/** A problem thrown by `check` becomes its failing step; anything else is a bug, thrown as is. */
function failed(decision: Decision, check: "credential" | "authenticate", error: unknown): unknown {
  return error instanceof ProblemError ? decision.fail(check, error) : error;
}

/** The principal the request acts as (null for a public operation), or the refusal thrown. */
export function authorizeRequest(
  request: EngineRequest,
  state: RequestState,
  operation: CompiledOperation,
  params: Record<string, string>,
  search: URLSearchParams | null,
  parts: AuthorizeParts,
): Principal | null | Promise<Principal | null> {
  const decision = state.decision;
  if (operation.security.public) {
    decision.skip("credential", PUBLIC);
    return null;
  }
  let credential: Credential | null;
  try {
    credential = extractCredential(request.headers, search, operation);
  } catch (error) {
    throw failed(decision, "credential", error);
  }
  if (credential === null) throw decision.fail("credential", credentialsMissing());
  state.credential = credential;
  decision.pass("credential");
  let authenticated: Principal | Promise<Principal>;
  try {
    authenticated = authenticate(credential, parts.auth);
  } catch (error) {
    throw failed(decision, "authenticate", error);
  }
  const admit = (principal: Principal) => admitted(principal, state, operation, params, parts);
  return authenticated instanceof Promise
    ? authenticated.then(admit, (error) => {
        throw failed(decision, "authenticate", error);
      })
    : admit(authenticated);
}

/** After authentication: the credential's rate limit, then what it may do here. */
function admitted(
  principal: Principal,
  state: RequestState,
  operation: CompiledOperation,
  params: Record<string, string>,
  { rateLimiter }: AuthorizeParts,
): Principal {
  const decision = state.decision;
  state.principal = principal;
  decision.pass("authenticate");
  if (rateLimiter !== null) {
    // A user is one principal whatever it holds: signing in again must not reset its count.
    const who =
      principal.userId !== null ? `user:${principal.userId}` : `${principal.kind}:${principal.id}`;
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
  return principal;
}
