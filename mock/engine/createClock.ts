import type { Clock } from "./EngineContext.js";
import { INSTANT_RANGE, isInstant } from "./instants.js";
import type { Millis } from "./types.js";

function inRange(at: Millis): Millis {
  // The operations check first and answer 400; this guards every other caller.
  if (!isInstant(at)) throw new RangeError(`The sandbox clock stays within ${INSTANT_RANGE}.`);
  return at;
}

/**
 * The sandbox clock: real time plus an offset that tests move, so a 90-day key or a 15-minute
 * session expires without waiting. Only the offset is state; it survives in the snapshot.
 */
export function createClock(realNow: () => Millis = Date.now, offsetMs = 0): Clock {
  let offset = offsetMs;
  return {
    now: () => realNow() + offset,
    get offsetMs() {
      return offset;
    },
    advance(ms: number) {
      const now = realNow();
      offset = inRange(now + offset + ms) - now;
    },
    set(at: Millis) {
      offset = inRange(at) - realNow();
    },
    reset() {
      offset = 0;
    },
  };
}
