// The `## Sandbox` section of bench/RESULTS.md, from one run's figures, with the targets.
import { fmt } from "./sandbox.results.mjs";

const verdict = (ok) => (ok ? "met" : "**missed**");

export function renderSandboxResults(r) {
  const { sandbox, prism, bare, adapter, local, memory } = r;
  const vsPrism = sandbox.rps / prism.rps;
  const vsBare = sandbox.rps / bare.rps;
  const row = (name, x) =>
    `| ${name} | ${fmt(x.rps)} | ${fmt(x.p50, 1)} | ${fmt(x.p99, 1)} | ${fmt(x.firstOk)} | ${fmt(x.non2xx + x.errors)} |`;
  return `
Run on ${r.when} UTC — ${r.machine}.
Command: \`npm run bench:sandbox\` (builds, then \`node bench/sandbox.bench.mjs\`).

### Over HTTP: authenticated \`GET /v1/agents\`, autocannon, 10 connections, ${r.seconds} s each

Each target is a child process on 127.0.0.1, measured one after the other in the same run after a
2 s warm-up. The sandbox is \`latchkey sandbox\` (dist/cli.js) without \`--strict\`, request log on
(to a file), called with a workspace key. Prism is \`prism mock openapi.yaml\` (default settings,
as \`npm run mock:prism\`), called with a bearer token it does not check. The bare server
(bench/bareServer.mjs) compares the header with a fixed string and answers fixed JSON.
"First 200" is from spawning the process to its first 200 for that request (for the sandbox,
with the key its banner prints). The last row is a diagnostic, not a target: the sandbox's own
node:http adapter and light Response (bench/sandbox.adapterServer.ts, run through tsx, so its
first 200 includes compiling TypeScript) in front of the bare server's handler; the gap
between it and the bare server is the adapter, the gap between it and the sandbox the engine.

| target | req/s | p50 ms | p99 ms | first 200 ms | non-2xx/errors |
|---|---:|---:|---:|---:|---:|
${row("latchkey sandbox", sandbox)}
${row("Prism mock", prism)}
${row("bare node:http", bare)}
${row("the sandbox's adapter alone (diagnostic)", adapter)}

| target (from the issue) | reached | |
|---|---|---|
| sandbox ≥ 15× Prism's req/s | ${fmt(vsPrism, 1)}× | ${verdict(vsPrism >= 15)} |
| sandbox ≥ ½ the bare server's req/s | ${fmt(vsBare * 100)} % | ${verdict(vsBare >= 0.5)} |
| sandbox p99 ≤ 5 ms | ${fmt(sandbox.p99, 1)} ms | ${verdict(sandbox.p99 <= 5)} |
| first 200 ≤ 300 ms after process start | ${fmt(sandbox.firstOk)} ms (Prism: ${fmt(prism.firstOk)} ms) | ${verdict(sandbox.firstOk <= 300)} |

### In-process: sequential round trips of the same request, 3 s each

| path | round trips/s |
|---|---:|
| \`sandbox.fetch\` (the engine called directly) | ${fmt(local.direct)} |
| MSW \`setupServer(...sandbox.handlers(http))\` + global \`fetch\` | ${fmt(local.viaMsw)} |
| bare MSW \`setupServer\`, one handler checking the header, fixed JSON | ${fmt(local.bareMsw)} |

### Memory

| sandbox (\`--quiet\`) | resident memory |
|---|---:|
| after start (one workspace) | ${fmt(memory.before)} MB |
| holding ${fmt(memory.created)} more workspace keys (created over HTTP in ${fmt(memory.createSeconds, 1)} s, ${fmt(memory.failed)} failed) | ${fmt(memory.after)} MB |

Target: at most 200 MB with ${fmt(r.keyCount)} keys — ${verdict(memory.after <= 200 && memory.created >= r.keyCount)}.
`;
}
