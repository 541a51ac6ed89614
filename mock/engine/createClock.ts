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
 * session expires without waiting. Only the offset is state: each move is reported to
 * `onChange` (a change for the log), and `setOffset` applies one read back from a log.
 */
export function createClock(
  realNow: () => Millis = Date.now,
  offsetMs = 0,
  onChange: (offsetMs: number) => void = () => {},
): Clock & { setOffset(ms: number): void } {
  let offset = offsetMs;
  const move = (to: number) => {
    offset = to;
    onChange(offset);
  };
  return {
    now: () => realNow() + offset,
    get offsetMs() {
      return offset;
    },
    advance(ms: number) {
      // One reading of real time: two could straddle a millisecond and lose it from the offset.
      const now = realNow();
      move(inRange(now + offset + ms) - now);
    },
    set(at: Millis) {
      move(inRange(at) - realNow());
    },
    reset() {
      move(0);
    },
    setOffset(ms: number) {
      offset = ms;
    },
  };
}
