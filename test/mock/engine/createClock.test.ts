// The sandbox clock is real time plus an offset that only the controls move.
import { expect, it } from "vitest";
import { createClock } from "../../../mock/engine/createClock.js";
import { createEngine } from "../../../mock/engine/createEngine.js";

it("advancing moves the offset by exactly the amount, even when real time ticks meanwhile", () => {
  let real = 1_800_000_000_000;
  // Every reading of real time is a millisecond later than the one before.
  const clock = createClock(() => real++);
  clock.advance(16 * 60_000);
  expect(clock.offsetMs).toBe(16 * 60_000);
});

it("reports each move to the change log, and applies one read back from it silently", () => {
  const moves: number[] = [];
  const clock = createClock(
    () => 0,
    0,
    (offset) => moves.push(offset),
  );
  clock.advance(5);
  clock.set(100);
  clock.reset();
  clock.setOffset(42);
  expect(moves).toEqual([5, 100, 0]);
  expect(clock.now()).toBe(42);
});

it("POST /_sandbox/clock {advance} moves the offset by exactly the duration", async () => {
  let real = 1_800_000_000_000;
  const engine = createEngine({ now: () => real++ });
  const reply = await engine.fetch(
    new Request("http://sandbox.test/_sandbox/clock", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ advance: "1m" }),
    }),
  );
  expect(((await reply.json()) as { offset_ms: number }).offset_ms).toBe(60_000);
});
