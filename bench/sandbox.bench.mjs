// `npm run bench:sandbox` (after `npm run build`): on Node 20, 22 and 24 in one run, the sandbox
// over HTTP against a bare node:http server and Prism's mock of the same spec (each in its own
// process, on the same Node), the first answer after start, and the memory of 100,000 issued
// keys; in-process round trips against bare MSW on this Node. All on 127.0.0.1, bounded, every
// child killed at the end.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import autocannon from "autocannon";
import {
  freePort,
  killAll,
  load,
  msToFirst200,
  nodeBinary,
  rootDir,
  rssMb,
  startNode,
  waitForOutput,
} from "./sandbox.children.mjs";
import { fmt, loadAverage, machine, median, writeSection } from "./sandbox.results.mjs";

const seconds = Number(process.env.BENCH_SECONDS ?? 4);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const keyCount = Number(process.env.BENCH_KEYS ?? 100_000);
const majors = (process.env.BENCH_NODES ?? "20,22,24").split(",").map(Number);
const cli = join(rootDir, "dist", "cli.js");
if (!existsSync(cli) || !existsSync(join(rootDir, "dist", "mock.js"))) {
  throw new Error("dist/ is missing: run `npm run build` first (npm run bench:sandbox does).");
}
const log = (text) => process.stdout.write(`${text}\n`);

/** `latchkey sandbox`, its banner's key, and a workspace key with agents:read. */
async function startSandbox(node, extra = []) {
  const started = startNode([cli, "sandbox", "--port", "0", ...extra], node);
  const [, key, url] = await waitForOutput(started, /Bearer (\S+)" (http\S+)\/v1\/agents\n/);
  const firstOk = await msToFirst200(started, `${url}/v1/agents`, {
    authorization: `Bearer ${key}`,
  });
  const workspaceId = /workspace (ws_\w+)/.exec(started.output())?.[1];
  const reply = await fetch(`${url}/v1/w/${workspaceId}/keys`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ name: "bench", scopes: ["agents:read"] }),
  });
  if (reply.status !== 201) throw new Error(`creating the bench key failed: ${reply.status}`);
  const auth = { authorization: `Bearer ${(await reply.json()).secret}` };
  return { started, url: `${url}/v1/agents`, key, workspaceId, auth, firstOk };
}

/** A server that prints `listening on <url>`: the bare server or the adapter diagnostic. */
async function startPlain(node, script, auth) {
  const started = startNode([...script, auth.authorization], node);
  const [, base] = await waitForOutput(started, /listening on (http\S+)/);
  const firstOk = await msToFirst200(started, `${base}/v1/agents`, auth);
  return { started, url: `${base}/v1/agents`, auth, firstOk };
}

async function startPrism(node) {
  const port = await freePort();
  const prismCli = join(rootDir, "node_modules", "@stoplight", "prism-cli", "dist", "index.js");
  const args = [prismCli, "mock", "openapi.yaml", "--port", `${port}`, "--host", "127.0.0.1"];
  const started = startNode(args, node);
  const url = `http://127.0.0.1:${port}/v1/agents`;
  // Prism's mock only checks that some credential is present: any bearer token passes.
  const auth = { authorization: "Bearer lk_wsk_test_0000000000000000000000000000bench" };
  const firstOk = await msToFirst200(started, url, auth, 60_000);
  return { started, url, auth, firstOk };
}

/**
 * The sandbox, the bare server and the adapter diagnostic, all started, loaded in turns for
 * `rounds` rounds: on a shared machine a neighbour's burst then costs every target alike, and
 * the ratio of each round is taken before the median. Prism, 25–50× slower, gets one turn.
 */
async function benchHttp(node) {
  const sandbox = await startSandbox(node);
  const bare = await startPlain(node, ["bench/bareServer.mjs"], sandbox.auth);
  const adapter = await startPlain(
    node,
    ["--import", "tsx", "bench/sandbox.adapterServer.ts"],
    sandbox.auth,
  );
  const runs = { sandbox: [], bare: [], adapter: [] };
  const targets = { sandbox, bare, adapter };
  for (let round = 0; round < rounds; round++) {
    for (const name of ["bare", "adapter", "sandbox"]) {
      const target = targets[name];
      runs[name].push(await load(target.url, target.auth, seconds, round === 0 ? 2 : 0.5));
    }
  }
  for (const target of Object.values(targets)) target.started.child.kill("SIGKILL");
  const prismServer = await startPrism(node);
  const prism = await load(prismServer.url, prismServer.auth, seconds);
  prismServer.started.child.kill("SIGKILL");
  const summary = (name) => {
    const list = runs[name];
    return {
      rps: median(list.map((r) => r.rps)),
      p50: median(list.map((r) => r.p50)),
      p99: Math.max(...list.map((r) => r.p99)),
      non2xx: list.reduce((sum, r) => sum + r.non2xx, 0),
      errors: list.reduce((sum, r) => sum + r.errors, 0),
      firstOk: targets[name].firstOk,
    };
  };
  const ratios = runs.sandbox.map((r, i) => r.rps / (runs.bare[i]?.rps ?? Number.NaN));
  return {
    sandbox: summary("sandbox"),
    bare: summary("bare"),
    adapter: summary("adapter"),
    prism: { ...prism, firstOk: prismServer.firstOk },
    vsBare: median(ratios),
    ratios,
  };
}

/** RSS of a quiet sandbox before and after `keyCount` workspace keys are created over HTTP. */
async function benchMemory(node) {
  const sandbox = await startSandbox(node, ["--quiet"]);
  const pid = sandbox.started.child.pid;
  const before = await rssMb(pid);
  const started = performance.now();
  const result = await autocannon({
    url: `${sandbox.url.replace("/v1/agents", "")}/v1/w/${sandbox.workspaceId}/keys`,
    method: "POST",
    headers: { authorization: `Bearer ${sandbox.key}`, "content-type": "application/json" },
    body: JSON.stringify({ name: "memory", scopes: ["agents:read"] }),
    connections: 10,
    amount: keyCount,
  });
  const createSeconds = (performance.now() - started) / 1000;
  const list = await fetch(
    `${sandbox.url.replace("/v1/agents", "")}/v1/w/${sandbox.workspaceId}/keys?limit=1`,
    {
      headers: { authorization: `Bearer ${sandbox.key}` },
    },
  );
  if (list.status !== 200) throw new Error(`the sandbox stopped answering: ${list.status}`);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const after = await rssMb(pid);
  sandbox.started.child.kill("SIGKILL");
  return {
    before,
    after,
    created: result["2xx"],
    failed: result.non2xx + result.errors,
    createSeconds,
  };
}

function inProcess() {
  const out = execFileSync(
    process.execPath,
    [join(rootDir, "bench", "sandbox.inprocess.mjs"), "3"],
    { cwd: rootDir, encoding: "utf8", timeout: 120_000 },
  );
  return JSON.parse(out.trim().split("\n").at(-1));
}

try {
  const when = new Date().toISOString().slice(0, 16).replace("T", " ");
  log(`Machine: ${machine()}`);
  const perNode = [];
  for (const major of majors) {
    const node = nodeBinary(major);
    const version = execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
    log(`Node ${version}: over HTTP (${rounds} rounds of ${seconds} s)…`);
    const http = await benchHttp(node);
    log(`Node ${version}: memory with ${fmt(keyCount)} keys…`);
    const memory = await benchMemory(node);
    perNode.push({ version, ...http, memory });
  }
  log("In-process…");
  const local = inProcess();
  const { renderSandboxResults } = await import("./sandbox.report.mjs");
  const body = renderSandboxResults({
    when,
    machine: machine(),
    load: loadAverage(),
    seconds,
    rounds,
    keyCount,
    perNode,
    local,
  });
  writeSection(join(rootDir, "bench", "RESULTS.md"), "## Sandbox", body);
  log(body);
} finally {
  killAll();
}
