import type { Random } from "./createRandom.js";

/** `req_` and 16 base62 characters: the id on every response and every problem document. */
export function requestId(random: Random): string {
  return random.base62(16, "req_");
}
