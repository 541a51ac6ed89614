import type { Clock } from "./EngineContext.js";
import type { Millis } from "./types.js";

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
      move(offset + ms);
    },
    set(at: Millis) {
      move(at - realNow());
    },
    reset() {
      move(0);
    },
    setOffset(ms: number) {
      offset = ms;
    },
  };
}
