// `npm run bench:journal` (after `npm run build`): what the request journal costs, on vs off in
// one run with alternating rounds (the machine is shared: only ratios taken side by side mean
// anything), on each Node of BENCH_NODES (default 20,22,24; others through npx). (1) `latchkey
// sandbox` over HTTP, `--journal 10000` vs `--journal 0`, autocannon on an authenticated
// GET /v1/agents; (2) in-process engine.answer of the same request, µs per request; (3) RSS of a
// child answering 200,000 requests at the default cap, after 10,000 and after 200,000. All on
// 127.0.0.1, bounded, every child killed at the end.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  cpuSeconds,
  killAll,
  load,
  nodeBinary,
  rootDir,
  startNode,
  waitForOutput,
} from "./sandbox.children.mjs";
import { fmt, loadAverage, machine, median, writeSection } from "./sandbox.results.mjs";
import { sharedCore } from "./sharedCore.mjs";

// Many short alternating rounds on a few fresh pairs of sandboxes: two sandboxes that are the
// same program read ±10 % apart in a single round on this shared machine, a process keeps the
// place the machine gave it for its life (one pair for a whole run read them 9 % apart), and a
// busy spell of the machine lasts seconds, so rounds of a second each way, alternating, put both
// sandboxes through the same spells. The median of all the rounds' ratios is the figure.
const pairs = Number(process.env.BENCH_PAIRS ?? 3);
const rounds = Number(process.env.BENCH_ROUNDS ?? 8);
const seconds = Number(process.env.BENCH_SECONDS ?? 1);
/** In-process rounds each way: CPU time of one process, steadier than a round over HTTP. */
const IN_PROCESS_ROUNDS = 24;
const majors = (process.env.BENCH_NODES ?? "20,22,24").split(",").map(Number);
/** Fresh pairs for the shared-core comparison, and its rounds (2 s each). */
const sharedPairs = Number(process.env.BENCH_SHARED_PAIRS ?? 8);
/** BENCH_AA=1: both sides with the journal off, to see what each method reads for no change. */
const onJournal = process.env.BENCH_AA === "1" ? "0" : "10000";
const cli = join(rootDir, "dist", "cli.js");
const dist = pathToFileURL(join(rootDir, "dist", "mock.js")).href;
const children = join(rootDir, "bench", "journal.children.mjs");
if (!existsSync(cli)) throw new Error("dist/ is missing: run `npm run build` first.");
const log = (text) => process.stdout.write(`${text}\n`);
const signed = (value, digits = 1) => `${value >= 0 ? "+" : ""}${value.toFixed(digits)}`;
const spread = (values) => `${fmt(Math.min(...values))}–${fmt(Math.max(...values))}`;

/**
 * On Linux with two cores or more, the sandboxes run on the last core and this process (the load
 * generator, and the in-process children it starts) on the others: sharing cores, the load
 * generator took turns with the sandbox it measured, and its own work swayed each round. Null
 * where `taskset` is missing.
 */
function pinServers() {
  const cores = availableParallelism();
  if (process.platform !== "linux" || cores < 2) return null;
  try {
    execFileSync("taskset", ["-p", "-c", `0-${cores - 2}`, String(process.pid)], {
      stdio: "ignore",
    });
    return ["-c", String(cores - 1)];
  } catch {
    return null;
  }
}
const pinned = pinServers();

async function startSandbox(node, journal) {
  const args = [cli, "sandbox", "--port", "0", "--quiet", "--journal", journal];
  const started = pinned ? startNode([...pinned, node, ...args], "taskset") : startNode(args, node);
  const [, key, url] = await waitForOutput(started, /Bearer (\S+)" (http\S+)\/v1\/agents\n/);
  return { started, url: `${url}/v1/agents`, auth: { authorization: `Bearer ${key}` } };
}

/** One round of load on `target`: its requests per second and its own CPU µs per request. */
async function measure(target, which) {
  const before = cpuSeconds(target.started.child.pid);
  const result = await load(target.url, target.auth, seconds, 0);
  const after = cpuSeconds(target.started.child.pid);
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${which}: non-2xx answers`);
  const cpu = before === undefined ? undefined : ((after - before) * 1e6) / result.total;
  return { rps: result.rps, cpu };
}

async function http(node) {
  const rps = { on: [], off: [] };
  const cpu = { on: [], off: [] };
  const ratios = [];
  for (let pair = 0; pair < pairs; pair++) {
    const order = pair % 2 === 0 ? ["on", "off"] : ["off", "on"];
    const servers = {};
    for (const which of order)
      servers[which] = await startSandbox(node, which === "on" ? onJournal : "0");
    // Warm-up: each sandbox's code optimised before its first measured round.
    for (const which of order) await load(servers[which].url, servers[which].auth, 1, 0);
    const pairRatios = [];
    for (let round = 0; round < rounds; round++) {
      const got = {};
      for (const which of round % 2 === 0 ? order : [...order].reverse()) {
        got[which] = await measure(servers[which], which);
        rps[which].push(got[which].rps);
        if (got[which].cpu !== undefined) cpu[which].push(got[which].cpu);
      }
      pairRatios.push(got.on.rps / got.off.rps);
    }
    for (const which of order) servers[which].started.child.kill();
    ratios.push(...pairRatios);
    log(`  pair ${pair + 1}: on/off ${pairRatios.map((r) => r.toFixed(2)).join(", ")}`);
  }
  return { rps, ratio: median(ratios), ratios, cpu };
}

function child(node, args, gc = false) {
  const flags = gc ? ["--expose-gc"] : [];
  const output = execFileSync(node, [...flags, children, ...args], {
    encoding: "utf8",
    timeout: 600_000,
  });
  return JSON.parse(output.trim().split("\n").at(-1));
}

function inProcess(node) {
  const us = child(node, ["inprocess", dist, String(IN_PROCESS_ROUNDS)]);
  const added = us.on.map((value, i) => value - (us.off[i] ?? value));
  return { us, added: median(added), addedAll: added };
}

function memory(node, journal) {
  const result = child(node, ["memory", dist, journal], true);
  if (!result.alive) throw new Error("the sandbox was not alive at the last measure");
  return result;
}

function rows(major, version, h, shared, p, m, mOff) {
  const httpRow = `| ${major} | HTTP req/s (median, spread) | ${fmt(median(h.rps.on))} (${spread(h.rps.on)}) | ${fmt(median(h.rps.off))} (${spread(h.rps.off)}) | **${h.ratio.toFixed(3)}×** (rounds ${h.ratios.map((r) => r.toFixed(2)).join(", ")}); budget ≥ 0.95× |`;
  const serverRow =
    h.cpu.on.length === 0
      ? []
      : [
          `| ${major} | HTTP: server CPU µs per request (median) | ${median(h.cpu.on).toFixed(1)} | ${median(h.cpu.off).toFixed(1)} | ${signed(median(h.cpu.on) - median(h.cpu.off))} µs, so at most ${(median(h.cpu.off) / median(h.cpu.on)).toFixed(3)}× where the server is the bottleneck |`,
        ];
  const sharedRow =
    shared === null
      ? []
      : [
          `| ${major} | HTTP, both loaded at once on one core: requests answered on/off (median) | | | ${shared.ratio.toFixed(3)}× (rounds ${fmt(Math.min(...shared.ratios), 3)}–${fmt(Math.max(...shared.ratios), 3)}, ${shared.ratios.length} rounds); a cross-check, not the issue's method |`,
        ];
  const cpuRow = `| ${major} | in-process µs per request (median) | ${median(p.us.on).toFixed(2)} | ${median(p.us.off).toFixed(2)} | **${signed(p.added, 2)} µs** (rounds ${p.addedAll.map((a) => a.toFixed(2)).join(", ")}); budget ≤ 3 µs |`;
  const grown = m.at200k.rss - m.at10k.rss;
  const memRow = `| ${major} | RSS MB after 10,000 → 200,000 requests (JS heap) | ${fmt(m.at10k.rss, 1)} → ${fmt(m.at200k.rss, 1)} (${fmt(m.at10k.heap, 1)} → ${fmt(m.at200k.heap, 1)}) | ${fmt(mOff.at10k.rss, 1)} → ${fmt(mOff.at200k.rss, 1)} (${fmt(mOff.at10k.heap, 1)} → ${fmt(mOff.at200k.heap, 1)}) | **${grown >= 0 ? "+" : ""}${fmt(grown, 1)} MB** with the journal on; budget ≤ +30 MB |`;
  return { version, lines: [httpRow, ...serverRow, ...sharedRow, cpuRow, memRow] };
}

try {
  log(`journal bench on ${machine()}; load average ${loadAverage()}`);
  const results = [];
  for (const major of majors) {
    const node = nodeBinary(major);
    const version = execFileSync(node, ["-p", "process.version"], { encoding: "utf8" }).trim();
    log(
      `Node ${version}: HTTP, --journal 10000 vs --journal 0, ${pairs} pairs × ${rounds} rounds of ${seconds} s each way …`,
    );
    const h = await http(node);
    log(`  median ratio on/off ${h.ratio.toFixed(3)}`);
    const shared = pinned
      ? await sharedCore((which) => startSandbox(node, which === "on" ? onJournal : "0"), {
          pairs: sharedPairs,
          rounds: 3,
          seconds: 2,
        })
      : null;
    if (shared) log(`  both at once on one core: on/off ${shared.ratio.toFixed(3)}`);
    const p = inProcess(node);
    log(
      `  in-process: added ${p.added.toFixed(2)} µs per request (median of ${IN_PROCESS_ROUNDS})`,
    );
    const m = memory(node, "10000");
    const mOff = memory(node, "off");
    log(
      `  RSS on ${fmt(m.at10k.rss, 1)} → ${fmt(m.at200k.rss, 1)} MB, off ${fmt(mOff.at10k.rss, 1)} → ${fmt(mOff.at200k.rss, 1)} MB`,
    );
    results.push(rows(major, version, h, shared, p, m, mOff));
  }
  writeSection(
    join(rootDir, "bench", "RESULTS.md"),
    "## Request journal: on vs off",
    `
- Run: \`npm run bench:journal\` on ${machine()} (the bench's own Node; the children ran on ${results.map((r) => r.version).join(", ")}), load average ${loadAverage()} at the end. The
  machine is shared with the load generator (2 cores; the load average says what else ran): only
  the on/off figures, taken side by side in alternating rounds, are meaningful; absolute figures
  are not.
- HTTP: \`latchkey sandbox --journal 10000\` and \`--journal 0\` on the same Node, autocannon (10
  connections) on an authenticated \`GET /v1/agents\`: ${pairs} fresh pairs of processes, each warmed
  up 1 s, then ${rounds} rounds of ${seconds} s each way in alternating order (${pairs * rounds} ratios). ${pinned ? `The sandboxes ran pinned to core ${pinned[1]} and the load generator to the others (\`taskset\`).` : "Nothing was pinned (no `taskset`, or one core)."}
- Cross-check, where pinned: ${sharedPairs} more fresh pairs pinned to the same core and loaded at once (\`bench/sharedCore.mjs\`), 3 rounds of 2 s each, warmed up 2 s; the ratio of requests each answered in a round.${process.env.BENCH_AA === "1" ? " **A/A run (BENCH_AA=1): both sides had the journal off.**" : ""}
- In-process: \`engine.answer\` of the same request in a child on that Node, ${IN_PROCESS_ROUNDS} rounds of 20,000 each way, alternating; CPU time of the child (\`process.cpuUsage\`), not wall time.
- Memory: a child answering 200,000 requests in-process at the default cap (10,000), and one with the journal off; RSS and JS heap after a GC.

| Node | measure | journal on | journal off | on vs off |
|---|---|---|---|---|
${results.flatMap((r) => r.lines).join("\n")}
`,
  );
} finally {
  killAll();
}
