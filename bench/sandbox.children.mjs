// Child processes for `npm run bench:sandbox`: start, wait until answering, measure, always kill.
import { execFileSync, spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { get } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

export const rootDir = fileURLToPath(new URL("../", import.meta.url));
const children = new Set();
const logDir = mkdtempSync(join(tmpdir(), "latchkey-bench-"));
let logCount = 0;

/**
 * Spawns `node …args` (this Node, or the binary given) with its output going to a file, not a
 * pipe: a pipe would make this
 * process (which also runs the load generator) read every log line the servers write.
 */
export function startNode(args, node = process.execPath) {
  const logFile = join(logDir, `child-${++logCount}.log`);
  const fd = openSync(logFile, "w");
  const startedAt = performance.now();
  const child = spawn(node, args, { cwd: rootDir, stdio: ["ignore", fd, fd] });
  closeSync(fd);
  children.add(child);
  child.once("exit", () => children.delete(child));
  return { child, startedAt, output: () => readFileSync(logFile, "utf8") };
}

/** Ends every child still running and removes their logs; safe to call more than once. */
export function killAll() {
  for (const child of children) child.kill("SIGKILL");
  rmSync(logDir, { recursive: true, force: true });
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}
process.once("exit", killAll);

export function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `pattern` shows in the child's output; bounded. */
export async function waitForOutput(started, pattern, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(started.output());
    if (match) return match;
    if (Date.now() > deadline || started.child.exitCode !== null) {
      throw new Error(`no ${pattern} from the child:\n${started.output().slice(-2000)}`);
    }
    await sleep(2);
  }
}

/** One GET through node:http: status and drained body, or a throw when nothing listens yet. */
function statusOf(url, headers) {
  return new Promise((resolve, reject) => {
    const request = get(url, { headers, agent: false }, (reply) => {
      reply.resume();
      reply.once("end", () => resolve(reply.statusCode));
    });
    request.once("error", reject);
  });
}

/**
 * Polls until `url` answers 200; returns ms since the process was spawned. Through node:http,
 * not fetch: the runner's first fetch loads and compiles undici (~45 ms here), which would
 * count against whichever target the run starts first.
 */
export async function msToFirst200(started, url, headers, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await statusOf(url, headers)) === 200) return performance.now() - started.startedAt;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline || started.child.exitCode !== null) {
      throw new Error(`${url} never answered 200:\n${started.output().slice(-2000)}`);
    }
    await sleep(5);
  }
}

/** autocannon with the settings: 10 connections, `seconds` long (warm-up: `warm` s). */
export async function load(url, headers, seconds, warm = 2) {
  if (warm > 0) await autocannon({ url, headers, connections: 10, duration: warm });
  const result = await autocannon({ url, headers, connections: 10, duration: seconds });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/**
 * CPU seconds (user + system) a process has used, from Linux /proc (clock ticks of 1/100 s);
 * undefined elsewhere. Per request served it is the server's own cost, which the shared
 * machine's scheduling moves far less than it moves requests per second.
 */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces, inside parentheses): utime is the
    // 14th field of the line, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** Resident memory of a process in MB (Linux /proc, else `ps`). */
export function rssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
    if (kb > 0) return kb / 1024;
  } catch {
    // Not Linux: ask ps.
  }
  return new Promise((resolve) => {
    const ps = spawn("ps", ["-o", "rss=", "-p", String(pid)]);
    let text = "";
    ps.stdout.on("data", (chunk) => {
      text += chunk;
    });
    ps.on("close", () => resolve(Number(text.trim()) / 1024));
  });
}

/**
 * The node binary of major version `major`: this one, or the npm registry's `node@<major>` through
 * npx (cached after the first run), asked for its own path.
 */
export function nodeBinary(major) {
  if (process.versions.node.split(".")[0] === String(major)) return process.execPath;
  return execFileSync("npx", ["-y", `node@${major}`, "-p", "process.execPath"], {
    cwd: rootDir,
    encoding: "utf8",
    timeout: 300_000,
  }).trim();
}
