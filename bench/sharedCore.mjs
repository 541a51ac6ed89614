// A second way to compare two sandboxes, beside alternating rounds: both pinned to the same core
// and loaded at the same time. The kernel's scheduler shares the core between them evenly, so the
// requests each answers in a round compare what a request costs in each, and whatever slows this
// shared machine during a round slows both alike. Two A/A runs (both sides the same program) read
// 1.000× and 1.001×, where alternating rounds read 1.022× (docs/decisions/request-journal.md).
import { load } from "./sandbox.children.mjs";
import { median } from "./sandbox.results.mjs";

/**
 * `pairs` fresh pairs from `start("on" | "off")` (each already pinned to one core), warmed up
 * together, then `rounds` rounds of `seconds` with both loaded at once: the on/off ratio of
 * requests answered in each round, and their median.
 */
export async function sharedCore(start, { pairs, rounds, seconds }) {
  const ratios = [];
  for (let pair = 0; pair < pairs; pair++) {
    // Fresh processes each pair: a process keeps the place the machine gave it for its life.
    const order = pair % 2 === 0 ? ["on", "off"] : ["off", "on"];
    const servers = {};
    for (const which of order) servers[which] = await start(which);
    const both = async (duration) => {
      const results = await Promise.all(
        order.map((which) => load(servers[which].url, servers[which].auth, duration, 0)),
      );
      return Object.fromEntries(order.map((which, i) => [which, results[i]]));
    };
    await both(2);
    for (let round = 0; round < rounds; round++) {
      const got = await both(seconds);
      for (const which of order) {
        if (got[which].non2xx > 0 || got[which].errors > 0) {
          throw new Error(`${which}: non-2xx answers`);
        }
      }
      ratios.push(got.on.total / got.off.total);
    }
    for (const which of order) servers[which].started.child.kill();
  }
  return { ratio: median(ratios), ratios };
}
