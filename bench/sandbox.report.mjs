// The `## Sandbox` section of bench/RESULTS.md, from one run's figures, with the targets.
import { fmt } from "./sandbox.results.mjs";

const verdict = (ok) => (ok ? "met" : "**missed**");

const targets = {
  vsBare: 0.7,
  p99: 5,
  vsPrism: 25,
  firstOk: 250,
  memory: 150,
};

function nodeSection(n, r) {
  const vsPrism = n.sandbox.rps / n.prism.rps;
  const row = (name, x) =>
    `| ${name} | ${fmt(x.rps)} | ${fmt(x.p50, 1)} | ${fmt(x.p99, 1)} | ${fmt(x.firstOk)} | ${fmt(x.non2xx + x.errors)} |`;
  const m = n.memory;
  return `
### Node ${n.version}

| target | req/s | p50 ms | p99 ms | first 200 ms | non-2xx/errors |
|---|---:|---:|---:|---:|---:|
${row("latchkey sandbox", n.sandbox)}
${row("bare node:http", n.bare)}
${row("the sandbox's adapter alone (diagnostic)", n.adapter)}
${row("Prism mock", n.prism)}

| target (from the issue) | reached | |
|---|---|---|
| sandbox ≥ ${targets.vsBare}× the bare server's req/s | ${fmt(n.vsBare, 2)}× (rounds: ${n.ratios.map((x) => fmt(x, 2)).join(", ")}) | ${verdict(n.vsBare >= targets.vsBare)} |
| sandbox p99 ≤ ${targets.p99} ms at 10 connections | ${fmt(n.sandbox.p99, 1)} ms | ${verdict(n.sandbox.p99 <= targets.p99)} |
| sandbox ≥ ${targets.vsPrism}× Prism's req/s | ${fmt(vsPrism, 1)}× | ${verdict(vsPrism >= targets.vsPrism)} |
| first 200 ≤ ${targets.firstOk} ms after process start | ${fmt(n.sandbox.firstOk)} ms (Prism: ${fmt(n.prism.firstOk)} ms) | ${verdict(n.sandbox.firstOk <= targets.firstOk)} |
| ${fmt(r.keyCount)} keys in ≤ ${targets.memory} MB RSS | ${fmt(m.after)} MB (${fmt(m.before)} MB at start; ${fmt(m.created)} created in ${fmt(m.createSeconds, 1)} s, ${fmt(m.failed)} failed) | ${verdict(m.after <= targets.memory && m.created >= r.keyCount)} |
`;
}

export function renderSandboxResults(r) {
  const { local } = r;
  return `
Run on ${r.when} UTC — ${r.machine} (the runner; each target ran on the Node named below); load average ${r.load} at the end of the run.
Command: \`npm run bench:sandbox\` (builds, then \`node bench/sandbox.bench.mjs\`; \`BENCH_SECONDS\`,
\`BENCH_ROUNDS\`, \`BENCH_KEYS\`, \`BENCH_NODES\` change the defaults of 4 s, 3 rounds, 100,000 keys,
Node 20,22,24).

Method. Authenticated \`GET /v1/agents\`, autocannon, 10 connections. Every target is a child
process on 127.0.0.1 running the Node of its section (Node 22 and 24 come from the npm registry's
\`node@NN\` through npx). The sandbox (\`latchkey sandbox\`, dist/cli.js, no \`--strict\`, request log
on, to a file, called with a workspace key), the bare server (bench/bareServer.mjs: compares the
header with a fixed string, answers fixed JSON) and the adapter diagnostic (the sandbox's node:http
adapter in front of the bare server's logic, bench/sandbox.adapterServer.ts through tsx, so its
first 200 includes compiling TypeScript) are started together and loaded in turns, ${r.rounds} rounds
of ${r.seconds} s each (2 s warm-up before the first): req/s and p50 are medians of the rounds, p99 the
worst round, and the ratio to the bare server the median of the per-round ratios, so a
neighbour's burst on this shared machine lands on both sides of a ratio. Prism (\`prism mock
openapi.yaml\`, as \`npm run mock:prism\`, called with a bearer token it does not check) gets one
turn. "First 200" is from spawning the process to its first 200 for that request, polled every
5 ms through node:http (the runner's own first \`fetch\` would add its undici start-up). Memory: a
\`--quiet\` sandbox's RSS 1 s after ${fmt(r.keyCount)} workspace keys were created over HTTP.
${r.perNode.map((n) => nodeSection(n, r)).join("")}
### In-process (Node ${process.versions.node}): sequential round trips of the same request, 3 s each

| path | round trips/s |
|---|---:|
| \`sandbox.fetch\` (the engine called directly) | ${fmt(local.direct)} |
| MSW \`setupServer(...sandbox.handlers(http))\` + global \`fetch\` | ${fmt(local.viaMsw)} |
| bare MSW \`setupServer\`, one handler checking the header, fixed JSON | ${fmt(local.bareMsw)} |
`;
}
