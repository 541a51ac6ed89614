// `npm run bench:sandbox:costs`: what the engine's largest items cost on the HTTP path. The
// sandbox's server (bench/sandbox.costServer.ts) runs as is, and with the keyed digest of the
// presented secret, the listing, the request log or all three swapped for stand-ins that cost
// next to nothing (the log: left out), beside the bare node:http server; all loaded in turns on
// this Node, and the table written to bench/RESULTS.md. Each target in its own process on 127.0.0.1, every child killed at the end.
import { join } from "node:path";
import { killAll, load, rootDir, startNode, waitForOutput } from "./sandbox.children.mjs";
import { fmt, loadAverage, machine, median, writeSection } from "./sandbox.results.mjs";

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const log = (text) => process.stdout.write(`${text}\n`);

const variants = [
  { name: "the sandbox as it is", parts: [] },
  { name: "digest of the presented secret free", parts: ["free-digest"] },
  { name: "listing free (a fixed page)", parts: ["fixed-list"] },
  { name: "no request log", parts: ["no-log"] },
  { name: "all three free", parts: ["free-digest", "fixed-list", "no-log"] },
];

async function startVariant(parts) {
  const started = startNode(["--import", "tsx", "bench/sandbox.costServer.ts", ...parts]);
  const [, base, secret] = await waitForOutput(started, /listening on (http\S+) key (\S+)\n/);
  return { started, url: `${base}/v1/agents`, auth: { authorization: `Bearer ${secret}` } };
}

async function startBare() {
  const auth = { authorization: "Bearer lk_wsk_test_bare" };
  const started = startNode(["bench/bareServer.mjs", auth.authorization]);
  const [, base] = await waitForOutput(started, /listening on (http\S+)/);
  return { started, url: `${base}/v1/agents`, auth };
}

try {
  const when = new Date().toISOString().slice(0, 16).replace("T", " ");
  const bare = await startBare();
  const targets = [];
  for (const variant of variants)
    targets.push({ ...variant, ...(await startVariant(variant.parts)) });
  const bareRuns = [];
  for (const target of targets) target.runs = [];
  for (let round = 0; round < rounds; round++) {
    log(`round ${round + 1} of ${rounds}…`);
    const warm = round === 0 ? 2 : 0.5;
    bareRuns.push(await load(bare.url, bare.auth, seconds, warm));
    for (const target of targets)
      target.runs.push(await load(target.url, target.auth, seconds, warm));
  }
  const failed = [...bareRuns, ...targets.flatMap((t) => t.runs)].some((r) => r.non2xx || r.errors);
  if (failed) throw new Error("a target answered other than 200 under load");
  const bareRps = median(bareRuns.map((r) => r.rps));
  const rows = targets.map((target) => ({
    name: target.name,
    rps: median(target.runs.map((r) => r.rps)),
    ratios: target.runs.map((r, i) => r.rps / bareRuns[i].rps),
  }));
  const asIs = rows[0];
  const body = `Run on ${when} UTC — ${machine()}; load average ${loadAverage()} at the end of the run.
Command: \`npm run bench:sandbox:costs\` (\`bench/sandbox.costs.mjs\`; \`BENCH_SECONDS\`, \`BENCH_ROUNDS\`
change the defaults of 3 s and 5 rounds).

Method. The server of \`latchkey sandbox\` (\`bench/sandbox.costServer.ts\` through tsx: starter
workspace, request log to a file) as it is, and with parts of the engine's work swapped for
stand-ins that cost next to nothing: the keyed digest of the presented secret (HMAC-SHA-256
replaced by an XOR fold), the listing (\`listAgents\` answering the page the real one gave,
already serialised) and the request log (left out). Authenticated \`GET /v1/agents\`,
autocannon, 10 connections, each target in its own process, loaded in turns with the bare
server (\`bench/bareServer.mjs\`); medians of ${rounds} rounds of ${seconds} s, the ratio the
median of the per-round ratios. "µs a request" is one second divided by the rate: the whole
round trip as the load generator sees it.

| target | req/s | ÷ bare (rounds) | µs a request | µs less than as it is |
|---|---:|---|---:|---:|
| bare node:http | ${fmt(bareRps)} | 1× | ${fmt(1e6 / bareRps, 1)} | |
${rows
  .map(
    (row) =>
      `| ${row.name} | ${fmt(row.rps)} | **${fmt(median(row.ratios), 2)}×** (${row.ratios
        .map((ratio) => fmt(ratio, 2))
        .join(", ")}) | ${fmt(1e6 / row.rps, 1)} | ${
        row === asIs ? "" : fmt(1e6 / asIs.rps - 1e6 / row.rps, 1)
      } |`,
  )
  .join("\n")}
`;
  writeSection(join(rootDir, "bench", "RESULTS.md"), "## Sandbox: where the time goes", body);
  log(body);
} finally {
  killAll();
}
