// A throwaway redis-server for the replica tests: Debian's binary on 127.0.0.1 at a free port,
// with an append-only file fsynced on every write (so a restart loses nothing acknowledged),
// in a temp dir removed afterwards. CI installs redis-server (.ci/run) and sets
// LATCHKEY_REQUIRE_REDIS=1, so there a missing binary fails the tests instead of skipping them.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { skippedTitle, skipWithoutTool } from "../../missingTool.js";

export const redisAvailable =
  spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;

/** True when the replica suites are skipped here; says so loudly (or throws in CI). */
export const skipRedisTests = skipWithoutTool({
  tool: "redis-server",
  available: redisAvailable,
  requireVariable: "LATCHKEY_REQUIRE_REDIS",
  tests: "the replica tests (--store, test/mock/server/replicas*.test.ts)",
});

/** The suite's title, marked SKIPPED with the install command when there is no redis-server. */
export const redisSuiteTitle = (title: string) =>
  skippedTitle(title, skipRedisTests, "redis-server");

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface RedisServer {
  url: string;
  /** Stops the server (SIGKILL): replicas lose their connection. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data, as after a crash and restart. */
  start(): Promise<void>;
  /** Stops it and removes its data. */
  dispose(): Promise<void>;
}

export async function startRedis(): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), "latchkey-redis-"));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", ""];
    args.push("--appendonly", "yes", "--appendfsync", "always", "--dir", dir);
    const proc = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
    child = proc;
    let out = "";
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`redis-server did not start: ${out}`)),
        10_000,
      );
      proc.stdout?.on("data", (chunk: Buffer) => {
        out += chunk;
        if (out.includes("Ready to accept connections")) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (${code}): ${out}`));
      });
    });
  };
  const stop = async () => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((resolve) => proc.once("exit", resolve));
    proc.kill("SIGKILL");
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
