// `npm run bench:journal` (after `npm run build`): what the request journal costs, on vs off in
// one run with alternating rounds (the machine is shared: only ratios taken side by side mean
// anything). (1) `latchkey sandbox` over HTTP, `--journal 10000` vs `--journal 0`, autocannon
// on an authenticated GET /v1/agents; (2) in-process engine.answer of the same request, µs per
// request; (3) RSS of a child answering 200,000 requests at the default cap, after 10,000 and
// after 200,000. All on 127.0.0.1, bounded, every child killed at the end.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { killAll, load, rootDir, startNode, waitForOutput } from "./sandbox.children.mjs";
import { fmt, loadAverage, machine, median, writeSection } from "./sandbox.results.mjs";

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const cli = join(rootDir, "dist", "cli.js");
if (!existsSync(cli)) throw new Error("dist/ is missing: run `npm run build` first.");
const log = (text) => process.stdout.write(`${text}\n`);
const spread = (values) => `${fmt(Math.min(...values))}–${fmt(Math.max(...values))}`;

async function startSandbox(journal) {
  const started = startNode([cli, "sandbox", "--port", "0", "--quiet", "--journal", journal]);
  const [, key, url] = await waitForOutput(started, /Bearer (\S+)" (http\S+)\/v1\/agents\n/);
  return { started, url: `${url}/v1/agents`, auth: { authorization: `Bearer ${key}` } };
}

async function http() {
  const on = await startSandbox("10000");
  const off = await startSandbox("0");
  const rps = { on: [], off: [] };
  for (let round = 0; round < rounds; round++) {
    // Alternate which goes first, so a burst of the other helpers' load hits both alike.
    const order = round % 2 === 0 ? ["on", "off"] : ["off", "on"];
    for (const which of order) {
      const target = which === "on" ? on : off;
      const result = await load(target.url, target.auth, seconds, round === 0 ? 2 : 0);
      if (result.non2xx > 0 || result.errors > 0) throw new Error(`${which}: non-2xx answers`);
      rps[which].push(result.rps);
    }
    log(`  round ${round + 1}: on ${fmt(rps.on.at(-1))} rps, off ${fmt(rps.off.at(-1))} rps`);
  }
  on.started.child.kill();
  off.started.child.kill();
  const ratios = rps.on.map((value, i) => value / (rps.off[i] ?? value));
  return { rps, ratio: median(ratios), ratios };
}

async function inProcess() {
  const { createSandbox } = await import(join(rootDir, "dist", "mock.js"));
  const make = async (journal) => {
    const sandbox = createSandbox({ journal });
    const ws = await sandbox.createWorkspace();
    const headers = { authorization: `Bearer ${ws.owner.user_key.secret}` };
    const request = {
      method: "GET",
      path: "/v1/agents",
      query: "",
      body: null,
      headers: { get: (name) => headers[name] ?? null },
    };
    return () => sandbox.engine.answer(request);
  };
  const on = await make(10_000);
  const off = await make(false);
  const n = 20_000;
  // CPU time of this process, not wall time: the other helpers' load then delays a round
  // without being counted in it.
  const time = async (answer) => {
    const started = process.cpuUsage();
    for (let i = 0; i < n; i++) await answer();
    const used = process.cpuUsage(started);
    return (used.user + used.system) / n;
  };
  await time(on);
  await time(off);
  const us = { on: [], off: [] };
  for (let round = 0; round < rounds * 2; round++) {
    const order =
      round % 2 === 0
        ? [
            ["on", on],
            ["off", off],
          ]
        : [
            ["off", off],
            ["on", on],
          ];
    for (const [which, answer] of order) us[which].push(await time(answer));
  }
  const added = us.on.map((value, i) => value - (us.off[i] ?? value));
  return { us, added: median(added), addedAll: added };
}

/** A child answering in-process requests, reporting RSS (after a GC) at 10,000 and 200,000. */
async function memory(journal) {
  const script = `
    const { createSandbox } = await import(${JSON.stringify(join(rootDir, "dist", "mock.js"))});
    const sandbox = createSandbox({ journal: ${journal} });
    const ws = await sandbox.createWorkspace();
    const headers = { authorization: "Bearer " + ws.owner.user_key.secret };
    const request = { method: "GET", path: "/v1/agents", query: "", body: null,
      headers: { get: (name) => headers[name] ?? null } };
    const mb = () => {
      globalThis.gc();
      const { rss, heapUsed } = process.memoryUsage();
      return (rss / 1048576).toFixed(1) + " " + (heapUsed / 1048576).toFixed(1);
    };
    let at10k = "";
    for (let i = 1; i <= 200000; i++) {
      await sandbox.engine.answer(request);
      if (i === 10000) at10k = mb();
    }
    const at200k = mb();
    // Used after the last measure, so the sandbox (and its journal) is still alive at it.
    console.log("rss " + at10k + " " + at200k + " " + Math.min(1, sandbox.engine.context.store.users.size));
  `;
  const started = startNode(["--expose-gc", "--input-type=module", "-e", script]);
  const [, at10k, heap10k, at200k, heap200k] = await waitForOutput(
    started,
    /rss (\S+) (\S+) (\S+) (\S+) 1/,
    600_000,
  );
  return {
    at10k: Number(at10k),
    at200k: Number(at200k),
    heap10k: Number(heap10k),
    heap200k: Number(heap200k),
  };
}

try {
  log(`journal bench on ${machine()}; load average ${loadAverage()}`);
  log(`HTTP, --journal 10000 vs --journal 0, ${rounds} rounds of ${seconds} s each way …`);
  const h = await http();
  log(
    `  median ratio on/off ${h.ratio.toFixed(3)} (rounds ${h.ratios.map((r) => r.toFixed(3)).join(", ")})`,
  );
  log(`in-process engine.answer, ${rounds * 2} rounds of 20,000 each way …`);
  const p = await inProcess();
  log(
    `  added ${p.added.toFixed(2)} µs per request (median; rounds ${p.addedAll.map((a) => a.toFixed(2)).join(", ")})`,
  );
  log("memory: 200,000 in-process requests at the default cap, and with the journal off …");
  const m = await memory(10_000);
  const mOff = await memory(false);
  log(`  on: RSS ${fmt(m.at10k, 1)} MB after 10,000, ${fmt(m.at200k, 1)} MB after 200,000`);
  log(`  off: RSS ${fmt(mOff.at10k, 1)} MB after 10,000, ${fmt(mOff.at200k, 1)} MB after 200,000`);
  writeSection(
    join(rootDir, "bench", "RESULTS.md"),
    "## Request journal: on vs off",
    `
- Run: \`npm run bench:journal\` on ${machine()}, load average ${loadAverage()} at the end. The
  machine is shared with the load generator (2 cores; the load average says what else ran): only
  the on/off ratios, taken side by side in alternating rounds, are meaningful; absolute figures
  are not.
- HTTP: \`latchkey sandbox --journal 10000\` and \`--journal 0\` on the same Node, autocannon (10
  connections, ${seconds} s) on an authenticated \`GET /v1/agents\`, ${rounds} rounds alternating which goes first.
- In-process: \`engine.answer\` of the same request, ${rounds * 2} rounds of 20,000 each way, alternating; CPU time of the process (\`process.cpuUsage\`), not wall time.
- Memory: one child answering 200,000 requests in-process at the default cap (10,000), RSS after a GC.

| measure | journal on | journal off | on vs off |
|---|---|---|---|
| HTTP req/s (median, spread) | ${fmt(median(h.rps.on))} (${spread(h.rps.on)}) | ${fmt(median(h.rps.off))} (${spread(h.rps.off)}) | ${h.ratio.toFixed(3)}× (rounds ${h.ratios.map((r) => r.toFixed(2)).join(", ")}); budget ≥ 0.95× |
| in-process µs per request (median) | ${median(p.us.on).toFixed(2)} | ${median(p.us.off).toFixed(2)} | +${p.added.toFixed(2)} µs (rounds ${p.addedAll.map((a) => a.toFixed(2)).join(", ")}); budget ≤ 3 µs |

| MB, after a GC | journal on (10,000) | journal off |
|---|---|---|
| RSS after 10,000 requests | ${fmt(m.at10k, 1)} | ${fmt(mOff.at10k, 1)} |
| RSS after 200,000 requests | ${fmt(m.at200k, 1)} (+${fmt(m.at200k - m.at10k, 1)}; budget ≤ 30) | ${fmt(mOff.at200k, 1)} (+${fmt(mOff.at200k - mOff.at10k, 1)}) |
| JS heap used after 10,000 / 200,000 | ${fmt(m.heap10k, 1)} / ${fmt(m.heap200k, 1)} | ${fmt(mOff.heap10k, 1)} / ${fmt(mOff.heap200k, 1)} |
`,
  );
} finally {
  killAll();
}
