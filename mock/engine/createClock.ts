import type { Clock } from "./EngineContext.js";
import type { Millis } from "./types.js";

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
      offset += ms;
    },
    set(at: Millis) {
      offset = at - realNow();
    },
    reset() {
      offset = 0;
    },
  };
}
