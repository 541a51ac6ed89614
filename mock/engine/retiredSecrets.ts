// The secrets a key has had. Rotation retires the current secret, at once or after a grace
// period; the retired digests stay indexed so a retired secret is answered "rotated at …" rather
// than "unknown", which a user cannot act on. Each rotation keeps its own grace: rotating again
// does not cut short a grace an earlier rotation promised.
import type { KeyRecord, Millis, RetiredSecret } from "./types.js";

/** Retired secrets remembered per key; older ones fall back to `token_unknown`. */
export const MAX_RETIRED = 20;

export type SecretState =
  | { kind: "current" }
  | { kind: "grace"; retired: RetiredSecret }
  | { kind: "retired"; retired: RetiredSecret };

/** The retired secrets of a key, including one from a state written before they were kept. */
function retiredOf(key: KeyRecord): readonly RetiredSecret[] {
  if (key.retired !== undefined) return key.retired;
  const previous = key.previous;
  return previous
    ? [{ digest: previous.digest, rotatedAt: null, graceEndsAt: previous.expiresAt }]
    : [];
}

/** Which of the key's secrets `digest` is, at `now`; null if none of them. */
export function secretState(
  key: KeyRecord,
  digest: string,
  equal: (a: string, b: string) => boolean,
  now: Millis,
): SecretState | null {
  if (equal(key.digest, digest)) return { kind: "current" };
  for (const retired of retiredOf(key)) {
    if (!equal(retired.digest, digest)) continue;
    const inGrace = retired.graceEndsAt !== null && retired.graceEndsAt > now;
    return { kind: inGrace ? "grace" : "retired", retired };
  }
  return null;
}

/** Every digest a key answers to (for the store's index). */
export function digestsOf(key: KeyRecord): string[] {
  return [key.digest, ...retiredOf(key).map((retired) => retired.digest)];
}

/** The key's retired list after retiring its current secret at `now` (grace ending at `graceEndsAt`). */
export function retire(key: KeyRecord, now: Millis, graceEndsAt: Millis | null): RetiredSecret[] {
  const retired = [{ digest: key.digest, rotatedAt: now, graceEndsAt }, ...retiredOf(key)];
  return retired.slice(0, MAX_RETIRED);
}
