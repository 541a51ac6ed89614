// `npm run bench:sandbox` (after `npm run build`): the sandbox over HTTP against Prism's mock of
// the same spec and a bare node:http server, in-process round trips against bare MSW, and the
// memory of 100,000 issued keys. All on 127.0.0.1, bounded, every child killed at the end.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import autocannon from "autocannon";
import {
  freePort,
  killAll,
  load,
  msToFirst200,
  rootDir,
  rssMb,
  startNode,
  waitForOutput,
} from "./sandbox.children.mjs";
import { fmt, machine, writeSection } from "./sandbox.results.mjs";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const keyCount = Number(process.env.BENCH_KEYS ?? 100_000);
const cli = join(rootDir, "dist", "cli.js");
if (!existsSync(cli) || !existsSync(join(rootDir, "dist", "mock.js"))) {
  throw new Error("dist/ is missing: run `npm run build` first (npm run bench:sandbox does).");
}
const log = (text) => process.stdout.write(`${text}\n`);

/** `latchkey sandbox`, its banner's key, and a workspace key with agents:read. */
async function startSandbox(extra = []) {
  const started = startNode([cli, "sandbox", "--port", "0", ...extra]);
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
  return { started, url, key, workspaceId, auth, firstOk };
}

async function benchSandbox() {
  const sandbox = await startSandbox();
  const result = await load(`${sandbox.url}/v1/agents`, sandbox.auth, seconds);
  sandbox.started.child.kill("SIGKILL");
  return { ...result, firstOk: sandbox.firstOk };
}

async function benchPrism(auth) {
  const port = await freePort();
  const prismCli = join(rootDir, "node_modules", "@stoplight", "prism-cli", "dist", "index.js");
  const started = startNode([
    prismCli,
    "mock",
    "openapi.yaml",
    "--port",
    `${port}`,
    "--host",
    "127.0.0.1",
  ]);
  const url = `http://127.0.0.1:${port}/v1/agents`;
  const firstOk = await msToFirst200(started, url, auth, 60_000);
  const result = await load(url, auth, seconds);
  started.child.kill("SIGKILL");
  return { ...result, firstOk };
}

async function benchBare(auth, script = ["bench/bareServer.mjs"]) {
  const started = startNode([...script, auth.authorization]);
  const [, base] = await waitForOutput(started, /listening on (http\S+)/);
  const firstOk = await msToFirst200(started, `${base}/v1/agents`, auth);
  const result = await load(`${base}/v1/agents`, auth, seconds);
  started.child.kill("SIGKILL");
  return { ...result, firstOk };
}

/** RSS of a quiet sandbox before and after `keyCount` workspace keys are created over HTTP. */
async function benchMemory() {
  const sandbox = await startSandbox(["--quiet"]);
  const pid = sandbox.started.child.pid;
  const before = await rssMb(pid);
  const started = performance.now();
  const result = await autocannon({
    url: `${sandbox.url}/v1/w/${sandbox.workspaceId}/keys`,
    method: "POST",
    headers: { authorization: `Bearer ${sandbox.key}`, "content-type": "application/json" },
    body: JSON.stringify({ name: "memory", scopes: ["agents:read"] }),
    connections: 10,
    amount: keyCount,
  });
  const createSeconds = (performance.now() - started) / 1000;
  const list = await fetch(`${sandbox.url}/v1/w/${sandbox.workspaceId}/keys?limit=1`, {
    headers: { authorization: `Bearer ${sandbox.key}` },
  });
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
    {
      cwd: rootDir,
      encoding: "utf8",
      timeout: 120_000,
    },
  );
  return JSON.parse(out.trim().split("\n").at(-1));
}

try {
  const when = new Date().toISOString().slice(0, 16).replace("T", " ");
  log(`Machine: ${machine()}`);
  log(`Sandbox over HTTP (${seconds} s)…`);
  const sandbox = await benchSandbox();
  // Prism's mock only checks that some credential is present: any bearer token passes.
  const auth = { authorization: "Bearer lk_wsk_test_0000000000000000000000000000bench" };
  log("Prism mock…");
  const prism = await benchPrism(auth);
  log("Bare node:http…");
  const bare = await benchBare(auth);
  log("The adapter alone…");
  const adapter = await benchBare(auth, ["--import", "tsx", "bench/sandbox.adapterServer.ts"]);
  log("In-process…");
  const local = inProcess();
  log(`Memory with ${fmt(keyCount)} keys…`);
  const memory = await benchMemory();
  const { renderSandboxResults } = await import("./sandbox.report.mjs");
  const body = renderSandboxResults({
    when,
    machine: machine(),
    seconds,
    keyCount,
    sandbox,
    prism,
    bare,
    adapter,
    local,
    memory,
  });
  writeSection(join(rootDir, "bench", "RESULTS.md"), "## Sandbox", body);
  log(body);
} finally {
  killAll();
}
