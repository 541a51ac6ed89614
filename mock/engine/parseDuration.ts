import { ProblemError } from "./ProblemError.js";

const unitMs: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
// The spec's Duration pattern: 1–6 digits, no leading zero, one unit.
const durationPattern = /^([1-9][0-9]{0,5})([smhd])$/;
/** The longest duration the spec's pattern can write, 999999d; numbers of seconds share it. */
export const MAX_DURATION_MS = 999_999 * 86_400_000;

/**
 * A duration as milliseconds: `"90d"`, `"12h"`, `"30m"`, `"45s"`, or a number of seconds.
 * Anything else is a 400 `validation_failed` whose error names `pointer` (such as
 * `/body/expires_in`), so option values and request fields fail alike.
 */
export function parseDuration(text: string | number, pointer = ""): number {
  if (typeof text === "number") {
    const ms = Math.round(text * 1_000);
    if (Number.isFinite(ms) && ms > 0 && ms <= MAX_DURATION_MS) return ms;
    throw invalid(String(text), pointer);
  }
  const match = durationPattern.exec(text);
  const unit = match?.[2];
  if (!match || unit === undefined) throw invalid(text, pointer);
  return Number(match[1]) * (unitMs[unit] ?? 0);
}

function invalid(text: string, pointer: string): ProblemError {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return new ProblemError(
    400,
    "validation_failed",
    `"${shown}" is not a duration; use a number and a unit such as 30m, 12h or 90d.`,
    { errors: [{ pointer, detail: 'must be a duration such as "30m", "12h" or "90d"' }] },
  );
}
