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

/** RateLimit-* of the budget that governs an answer, or null where none does (no address). */
export type Budget = Record<string, string> | null;

function tooMany(what: string, windowMs: number, budget: Budget): ProblemError {
  const retryAfter = Math.max(1, Math.ceil(windowMs / 1000));
  return new ProblemError(
    429,
    "rate_limited",
    `${what}; retry after ${retryAfter} seconds.`,
    { retry_after: retryAfter },
    { ...budget, "retry-after": String(retryAfter) },
  );
}

/**
 * Each check returns the RateLimit-* headers of the budget it spends from, so the answers it
 * governs (a sign-in, a refresh, a 401 for failed authentication) announce it before a 429 does.
 */
export function createAuthThrottle(limits: AuthThrottleLimits, clock: Clock) {
  const failures = createRateLimiter(limits.failures, limits.windowMs, clock);
  const signIns = createRateLimiter(limits.signIns, limits.windowMs, clock);

  return {
    /**
     * 429 once `address` has failed authentication `failures` times this window. No address (an
     * in-process request) is not limited: there is no peer to tell apart.
     */
    checkAddress(address: string | undefined): Budget {
      if (address === undefined) return null;
      const budget = failures.peek(address);
      if (!failures.hasRoom(address)) {
        throw tooMany(
          "Too many failed authentication attempts from this address",
          limits.windowMs,
          budget,
        );
      }
      return budget;
    },
    /** Counts a failed authentication; the address's budget after it, for the 401. */
    recordFailure(address: string | undefined): Budget {
      return address === undefined ? null : failures.take(address).headers;
    },
    /** Counts a sign-in to the account named by `email`; 429 past the limit. */
    takeSignIn(email: string): Budget {
      const verdict = signIns.take(email.toLowerCase());
      if (!verdict.ok) {
        throw tooMany("Too many sign-ins to this account", limits.windowMs, verdict.headers);
      }
      return verdict.headers;
    },
    clear(): void {
      failures.clear();
      signIns.clear();
    },
  };
}
