// The range of instants the sandbox keeps. Every expiry is "now plus a duration", and the clock
// itself can be set: without a bound, a far clock and a long duration make a time Date cannot
// hold (NaN, or a year RFC 3339 cannot write), which then poisons every answer and the state.
import { ProblemError } from "./ProblemError.js";
import type { Millis } from "./types.js";

/** The earliest instant the sandbox keeps: 1970-01-01T00:00:00Z (JWT times are never negative). */
export const MIN_INSTANT: Millis = 0;
/** The latest: 9999-12-31T23:59:59Z, the last second RFC 3339 can write. */
export const MAX_INSTANT: Millis = Date.UTC(9999, 11, 31, 23, 59, 59);
export const INSTANT_RANGE = "1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z";

/** Whether `at` is an instant the sandbox can keep and write. */
export function isInstant(at: unknown): at is Millis {
  return typeof at === "number" && Number.isFinite(at) && at >= MIN_INSTANT && at <= MAX_INSTANT;
}

function invalid(pointer: string, detail: string, fix: string): ProblemError {
  return new ProblemError(400, "validation_failed", `${detail}; ${fix}.`, {
    errors: [{ pointer, detail: `must be an instant from ${INSTANT_RANGE}` }],
  });
}

/** An RFC 3339 timestamp from a request as epoch ms; 400 for a leap second or one out of range. */
export function parseInstant(text: string, pointer: string): Millis {
  if (/T\d{2}:\d{2}:60/i.test(text)) {
    throw invalid(
      pointer,
      `${text.slice(0, 40)} is a leap second, which the sandbox clock does not have (seconds run 00 to 59)`,
      "use :59 or the next minute",
    );
  }
  const at = Date.parse(text);
  if (!isInstant(at)) {
    throw invalid(pointer, `${text.slice(0, 40)} is outside ${INSTANT_RANGE}`, "pick a time in it");
  }
  return at;
}

/**
 * `now + durationMs`, or a 400 naming the limit when that passes MAX_INSTANT. `what` names the
 * instant in the message, such as "The key's expiry".
 */
export function instantAfter(
  now: Millis,
  durationMs: number,
  pointer: string,
  what: string,
): Millis {
  const at = now + durationMs;
  if (!isInstant(at)) {
    throw invalid(
      pointer,
      `${what} would be after 9999-12-31T23:59:59Z, the latest instant the sandbox keeps`,
      "ask for a shorter duration or set the sandbox clock earlier",
    );
  }
  return at;
}
