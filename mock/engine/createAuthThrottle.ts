// Brute-force limits, on with `rateLimit`: failed authentication per client address (wrong
// passwords, forged or unknown keys and tokens) and sign-ins per account. The per-principal
// limit alone cannot stop guessing: every guess is a new, unknown credential.
import type { Clock } from "./EngineContext.js";
import { ProblemError } from "./ProblemError.js";
import { createRateLimiter } from "./rateLimiter.js";

export interface AuthThrottleLimits {
  /** Failed authentications per client address per window. */
  failures: number;
  /** Sign-ins (POST /v1/auth/authenticate) per account per window. */
  signIns: number;
  windowMs: number;
}

function tooMany(what: string, windowMs: number): ProblemError {
  const retryAfter = Math.max(1, Math.ceil(windowMs / 1000));
  return new ProblemError(
    429,
    "rate_limited",
    `${what}; retry after ${retryAfter} seconds.`,
    { retry_after: retryAfter },
    { "retry-after": String(retryAfter) },
  );
}

export function createAuthThrottle(limits: AuthThrottleLimits, clock: Clock) {
  const failures = createRateLimiter(limits.failures, limits.windowMs, clock);
  const signIns = createRateLimiter(limits.signIns, limits.windowMs, clock);

  return {
    /**
     * 429 once `address` has failed authentication `failures` times this window. No address (an
     * in-process request) is not limited: there is no peer to tell apart.
     */
    checkAddress(address: string | undefined): void {
      if (address !== undefined && !failures.hasRoom(address)) {
        throw tooMany("Too many failed authentication attempts from this address", limits.windowMs);
      }
    },
    recordFailure(address: string | undefined): void {
      if (address !== undefined) failures.take(address);
    },
    /** Counts a sign-in to the account named by `email`; 429 past the limit. */
    takeSignIn(email: string): void {
      if (!signIns.take(email.toLowerCase()).ok) {
        throw tooMany("Too many sign-ins to this account", limits.windowMs);
      }
    },
    clear(): void {
      failures.clear();
      signIns.clear();
    },
  };
}
