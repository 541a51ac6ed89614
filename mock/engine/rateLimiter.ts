import type { Clock } from "./EngineContext.js";

export interface RateVerdict {
  ok: boolean;
  headers: Record<string, string>;
  /** Seconds until the window resets (for Retry-After). */
  retryAfter: number;
}

/**
 * A fixed-window counter per credential on the sandbox clock, so tests can move past a window
 * with `/_sandbox/clock` instead of sleeping. Windows of one credential share one entry.
 */
export function createRateLimiter(limit: number, windowMs: number, clock: Clock) {
  const windows = new Map<string, { start: number; count: number }>();

  return {
    take(key: string): RateVerdict {
      const now = clock.now();
      const start = now - (((now % windowMs) + windowMs) % windowMs);
      let entry = windows.get(key);
      if (!entry || entry.start !== start) {
        if (!entry && windows.size >= 100_000) windows.clear();
        entry = { start, count: 0 };
        windows.set(key, entry);
      }
      entry.count++;
      const retryAfter = Math.max(1, Math.ceil((start + windowMs - now) / 1000));
      const ok = entry.count <= limit;
      return {
        ok,
        retryAfter,
        headers: {
          "ratelimit-limit": String(limit),
          "ratelimit-remaining": String(Math.max(0, limit - entry.count)),
          "ratelimit-reset": String(retryAfter),
        },
      };
    },
    /** The RateLimit-* headers of `key`'s budget as it stands, without counting a request. */
    peek(key: string): Record<string, string> {
      const now = clock.now();
      const start = now - (((now % windowMs) + windowMs) % windowMs);
      const entry = windows.get(key);
      const used = entry && entry.start === start ? entry.count : 0;
      return {
        "ratelimit-limit": String(limit),
        "ratelimit-remaining": String(Math.max(0, limit - used)),
        "ratelimit-reset": String(Math.max(1, Math.ceil((start + windowMs - now) / 1000))),
      };
    },
    /** Whether `key` has room left in this window, without counting a request. */
    hasRoom(key: string): boolean {
      const entry = windows.get(key);
      if (!entry) return true;
      const now = clock.now();
      return (
        entry.start !== now - (((now % windowMs) + windowMs) % windowMs) || entry.count < limit
      );
    },
    clear() {
      windows.clear();
    },
  };
}
