/** The credential one call carries through its attempts. */
export interface Credential {
  readonly header: string;
  readonly bearer: boolean;
  /** Whether the source can give a new one after a 401 `token_expired`. */
  readonly renewable: boolean;
  token: string;
}

/**
 * One call's state, shared by the SDK's middleware (which fills it in) and the transport beneath
 * (which reads it), whatever Request objects users' middleware put in between.
 */
export interface CallPlan {
  /** The credential the SDK attached: renewed on `token_expired`, kept from other origins. */
  credential: Credential | undefined;
}

// openapi-fetch hands every middleware of one call the same frozen `options` object: the plan is
// found by it until the SDK's last middleware binds it to the Request that goes to the transport.
const byCall = new WeakMap<object, CallPlan>();
const PLAN = Symbol("latchkey.plan");

/** Records the plan of the call whose middleware `options` these are. */
export function startPlan(options: object, plan: CallPlan): void {
  byCall.set(options, plan);
}

/** The plan of the call whose middleware `options` these are. */
export function planOfCall(options: object): CallPlan | undefined {
  return byCall.get(options);
}

/** Binds a plan to the request that will be sent (a property: no GC work per request). */
export function bindPlan(request: Request, plan: CallPlan): void {
  (request as Request & { [PLAN]?: CallPlan })[PLAN] = plan;
}

/** The plan bound to a request, if the SDK's middleware saw it. */
export function planOf(request: Request): CallPlan | undefined {
  return (request as Request & { [PLAN]?: CallPlan })[PLAN];
}

/** The header value a credential is sent as (with `token`: as it was sent with that one). */
export function headerValue(credential: Credential, token = credential.token): string {
  return credential.bearer ? `Bearer ${token}` : token;
}
