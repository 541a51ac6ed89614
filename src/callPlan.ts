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
  /** The fetch to send with: the call's own `fetch` option, else the client's. */
  readonly send: (request: Request) => Promise<Response>;
  /** The credential the SDK attached: renewed on `token_expired`, kept from other origins. */
  credential: Credential | undefined;
  /** The request line the SDK's middleware saw, to name the request in error messages. */
  line: readonly [method: string, url: string] | undefined;
}

/**
 * Each call's plan, keyed by the per-call fetch the client hands openapi-fetch; openapi-fetch
 * passes that fetch to middleware as `options.fetch`, which is how the middleware finds the plan.
 */
export const plans = new WeakMap<object, CallPlan>();

/** The header value a credential is sent as. */
export function headerValue(credential: Credential): string {
  return credential.bearer ? `Bearer ${credential.token}` : credential.token;
}
