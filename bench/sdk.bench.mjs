// `npm run bench:sdk`: what latchkey's client costs on top of openapi-fetch, per call and in
// bytes. Every call goes to an in-memory fetch (a fresh Response per call), so the figures are
// the clients' own overhead, with no network or sandbox in them. Bounded: about 70 s.
import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import createOpenapiFetchClient from "openapi-fetch";
import { createClient } from "../dist/index.js";

const rootDir = fileURLToPath(new URL("..", import.meta.url));
const resultsFile = new URL("RESULTS.md", import.meta.url);
const baseUrl = "https://api.latchkey.test";
const url = `${baseUrl}/v1/agents`;
// A well-formed test user key (sent to nothing but the in-memory fetch below).
const userKey = "lk_usr_test_Bench0Bench0Bench0Bench0Bench0Be";
const rounds = 5;
// Each process JIT-compiles the clients its own way, which moves a ratio by a few points from one
// process to the next: the figure pools the rounds of several processes.
const processes = 3;
const roundMs = 1000;
const sliceMs = 50;
const warmupMs = 400;
const targetRatio = 0.9;
const targetGzipBytes = 15 * 1024;
// A resource method may cost at most 1.05x the same path call: at least 1/1.05 of its calls/s.
const targetResourceRatio = 1 / 1.05;

const body = JSON.stringify({
  data: [
    {
      id: "agt_5Rk8Nw3Qz1Lm7Xp4",
      name: "Agent one",
      slug: "agent-one",
      workspace_id: "ws_8fK2mQ9xLp3vT7nR",
      created_at: "2026-11-23T10:00:00Z",
    },
    {
      id: "agt_7Gh3Jk9Lz2Xc6Vb4",
      name: "Agent two",
      slug: "agent-two",
      workspace_id: "ws_8fK2mQ9xLp3vT7nR",
      created_at: "2026-11-23T10:00:00Z",
    },
  ],
  next_cursor: null,
});

/** The in-memory service: a fresh Response per call, as a real fetch would give. */
async function memoryFetch() {
  return new Response(body, {
    status: 200,
    headers: { "Content-Type": "application/json", "X-Request-Id": "req_BenchBenchBench0" },
  });
}

const openapiFetchClient = createOpenapiFetchClient({
  baseUrl,
  fetch: memoryFetch,
  headers: { Authorization: `Bearer ${userKey}` },
});
const latchkeyClient = createClient({ baseUrl, credentials: userKey, fetch: memoryFetch });

/** Each candidate makes one call and reads the JSON body, as an application would. */
const candidates = [
  {
    name: "bare fetch (Request + in-memory fetch + json())",
    call: async () => {
      const response = await memoryFetch(
        new Request(url, { headers: { Authorization: `Bearer ${userKey}` } }),
      );
      await response.json();
    },
  },
  {
    name: 'openapi-fetch client.GET("/v1/agents")',
    call: async () => {
      const { data } = await openapiFetchClient.GET("/v1/agents");
      if (!data) throw new Error("openapi-fetch returned no data");
    },
  },
  {
    name: 'latchkey client.GET("/v1/agents")',
    call: async () => {
      const { data } = await latchkeyClient.GET("/v1/agents");
      if (!data) throw new Error("latchkey returned no data");
    },
  },
  {
    name: "latchkey client.agents.list() (resource method, first page)",
    call: async () => {
      const page = await latchkeyClient.agents.list();
      if (!page.data) throw new Error("latchkey returned no page");
    },
  },
  {
    name: 'latchkey client.GET("/v1/agents", { params: { query: { limit: 20 } } })',
    call: async () => {
      const { data } = await latchkeyClient.GET("/v1/agents", { params: { query: { limit: 20 } } });
      if (!data) throw new Error("latchkey returned no data");
    },
  },
  {
    name: "latchkey client.agents.list({ limit: 20 })",
    call: async () => {
      const page = await latchkeyClient.agents.list({ limit: 20 });
      if (!page.data) throw new Error("latchkey returned no page");
    },
  },
];

/** Both clients must send the key as the bare call does, or the comparison would be unfair. */
async function checkAuthorization() {
  const seen = [];
  const probe = async (request) => {
    seen.push(request.headers.get("Authorization"));
    return memoryFetch();
  };
  const headers = { Authorization: `Bearer ${userKey}` };
  await createOpenapiFetchClient({ baseUrl, fetch: probe, headers }).GET("/v1/agents");
  await createClient({ baseUrl, credentials: userKey, fetch: probe }).GET("/v1/agents");
  await createClient({ baseUrl, credentials: userKey, fetch: probe }).agents.list();
  if (seen.length !== 3 || seen.some((value) => value !== headers.Authorization)) {
    throw new Error("a client did not send the key: the figures would not compare like with like");
  }
}

/** Calls `call` back to back for about `ms` milliseconds; returns the calls made and the time. */
async function runFor(call, ms) {
  let count = 0;
  const start = performance.now();
  const end = start + ms;
  let now = start;
  while (now < end) {
    for (let i = 0; i < 16; i++) await call();
    count += 16;
    now = performance.now();
  }
  return { count, ms: now - start };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function measureCalls() {
  for (const candidate of candidates) await runFor(candidate.call, warmupMs);
  const samples = candidates.map(() => []);
  // Each round gives every candidate `roundMs` in short alternating slices (in a rotating
  // order), so the other work of a shared machine lands on all of them alike, not on one.
  for (let round = 0; round < rounds; round++) {
    const totals = candidates.map(() => ({ count: 0, ms: 0 }));
    for (let slice = 0; slice < roundMs / sliceMs; slice++) {
      for (let k = 0; k < candidates.length; k++) {
        const index = (slice + k) % candidates.length;
        const { count, ms } = await runFor(candidates[index].call, sliceMs);
        totals[index].count += count;
        totals[index].ms += ms;
      }
    }
    for (const [index, { count, ms }] of totals.entries()) {
      samples[index].push(count / (ms / 1000));
    }
  }
  return candidates.map((candidate, i) => ({
    name: candidate.name,
    ops: median(samples[i]),
    samples: samples[i],
  }));
}

/** Minified (esbuild) and gzipped (level 9) size of everything `contents` pulls in. */
async function bundleSize(contents) {
  const result = await build({
    stdin: { contents, resolveDir: rootDir, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

const kB = (bytes) => `${(bytes / 1024).toFixed(2)} kB`;
const fmt = (ops) => Math.round(ops).toLocaleString("en-US");
const pct = (ratio) => `${(ratio * 100).toFixed(1)}%`;

/** Replaces the `## SDK` section of RESULTS.md (to the next `## ` heading), keeping the rest. */
async function writeSection(section) {
  let text;
  try {
    text = await readFile(resultsFile, "utf8");
  } catch {
    text = "# Benchmark results\n";
  }
  const lines = text.split("\n");
  const start = lines.findIndex((line) => /^## SDK\s*$/.test(line));
  if (start === -1) {
    await writeFile(resultsFile, `${text.trimEnd()}\n\n${section}`);
    return;
  }
  let end = lines.findIndex((line, i) => i > start && /^## /.test(line));
  if (end === -1) end = lines.length;
  const before = lines.slice(0, start).join("\n").trimEnd();
  const after = lines.slice(end).join("\n").trimStart();
  await writeFile(resultsFile, `${before}\n\n${section}${after ? `\n${after}` : ""}`);
}

/** Runs `measureCalls` in `processes` fresh Node processes, one after another; pools the rounds. */
function measureInProcesses() {
  const runs = [];
  for (let i = 0; i < processes; i++) {
    const output = execFileSync(process.execPath, [fileURLToPath(import.meta.url)], {
      env: { ...process.env, LATCHKEY_BENCH_SDK_CHILD: "1" },
      encoding: "utf8",
      timeout: 120_000,
    });
    runs.push(JSON.parse(output));
  }
  return runs[0].map((candidate, index) => {
    const samples = runs.flatMap((run) => run[index].samples);
    return { name: candidate.name, ops: median(samples), samples };
  });
}

if (process.env.LATCHKEY_BENCH_SDK_CHILD) {
  await checkAuthorization();
  process.stdout.write(JSON.stringify(await measureCalls()));
  process.exit(0);
}

const started = performance.now();
const calls = measureInProcesses();
const latchkeySize = await bundleSize('export * from "./dist/index.js";');
const openapiFetchSize = await bundleSize('export { default } from "openapi-fetch";');
const [bare, openapiFetch, latchkey, resource, pathQuery, resourceQuery] = calls;
// The ratio of each round's neighbouring measurements, then the median: steadier than a ratio
// of medians when other work on the machine comes and goes.
const ratios = latchkey.samples.map((ops, round) => ops / openapiFetch.samples[round]);
const ratio = median(ratios);
const resourceRatios = resource.samples.map((ops, round) => ops / latchkey.samples[round]);
const resourceRatio = median(resourceRatios);
const queryRatios = resourceQuery.samples.map((ops, round) => ops / pathQuery.samples[round]);
const queryRatio = median(queryRatios);
const load = os
  .loadavg()
  .map((value) => value.toFixed(2))
  .join(", ");
const cpus = os.cpus();
const machine =
  `${os.type()} ${os.release()} ${os.arch()}, ${cpus[0]?.model.trim() ?? "unknown CPU"}, ` +
  `${cpus.length} cores, Node ${process.version}; load average ${load} at the end of the run`;

const verdict = (met) => (met ? "met" : "NOT met");
const speedTarget = `target ≥ ${pct(targetRatio)}: ${verdict(ratio >= targetRatio)}`;
const resourceTarget = `target ≥ ${pct(targetResourceRatio)}, i.e. ≤ 1.05x the path call's cost: ${verdict(resourceRatio >= targetResourceRatio)}`;
const queryTarget = `target ≥ ${pct(targetResourceRatio)}: ${verdict(queryRatio >= targetResourceRatio)}`;
const sizeMet = latchkeySize.gzipped <= targetGzipBytes;
const sizeTarget = `target ≤ ${kB(targetGzipBytes)}: ${verdict(sizeMet)}`;
const latchkeyBundle = "`latchkey` (`dist/index.js`, all exports, with dependencies)";

const section = `## SDK

- Machine: ${machine}
- Date: ${new Date().toISOString()}
- Command: \`npm run bench:sdk\` (\`bench/sdk.bench.mjs\`, on the built \`dist/index.js\`)
- Shared: other work may run on this machine at the same time (the load average above says how
  much), so every ratio pairs measurements taken in the same round, in alternating slices.
- Method: an in-memory fetch that builds a fresh \`Response\` (two agents as JSON) per call;
  calls back to back, each awaited and its JSON read; ${warmupMs} ms warm-up per candidate, then
  ${rounds} rounds giving each candidate ${roundMs / 1000} s in alternating ${sliceMs} ms slices, in
  each of ${processes} fresh processes; medians of the ${rounds * processes} rounds shown. Sizes: esbuild bundle with dependencies, minified, gzip level 9.

| client | ops/s (median of ${rounds * processes}) | vs openapi-fetch |
|---|---:|---:|
| ${bare.name} | ${fmt(bare.ops)} | ${pct(bare.ops / openapiFetch.ops)} |
| ${openapiFetch.name} | ${fmt(openapiFetch.ops)} | 100.0% |
| ${latchkey.name} | ${fmt(latchkey.ops)} | ${pct(latchkey.ops / openapiFetch.ops)} |
| ${resource.name} | ${fmt(resource.ops)} | ${pct(resource.ops / openapiFetch.ops)} |
| ${pathQuery.name} | ${fmt(pathQuery.ops)} | ${pct(pathQuery.ops / openapiFetch.ops)} |
| ${resourceQuery.name} | ${fmt(resourceQuery.ops)} | ${pct(resourceQuery.ops / openapiFetch.ops)} |

The table's "vs" column divides medians taken over processes that ran at different speeds on this
shared machine; the figure below pairs each round's neighbouring measurements instead.

latchkey / openapi-fetch, median of the per-round ratios (${ratios.map(pct).join(", ")}):
**${pct(ratio)}** (${speedTarget}).

Resource method / path call (\`agents.list()\` vs \`GET("/v1/agents")\`, the same operation),
median of the per-round ratios (${resourceRatios.map(pct).join(", ")}): **${pct(resourceRatio)}**
(${resourceTarget}). With a query on both (\`agents.list({ limit: 20 })\` vs
\`GET("/v1/agents", { params: { query: { limit: 20 } } })\`, both passing openapi-fetch an init):
${queryRatios.map(pct).join(", ")}: **${pct(queryRatio)}** (${queryTarget}).

| bundle | minified | min + gzip |
|---|---:|---:|
| ${latchkeyBundle} | ${kB(latchkeySize.minified)} | **${kB(latchkeySize.gzipped)}** |
| \`openapi-fetch\` alone | ${kB(openapiFetchSize.minified)} | ${kB(openapiFetchSize.gzipped)} |

latchkey min+gzip: **${kB(latchkeySize.gzipped)}** (${sizeTarget}).
`;

await writeSection(section);
console.log(section);
console.log(
  `bench:sdk done in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
    "wrote the ## SDK section of bench/RESULTS.md",
);
