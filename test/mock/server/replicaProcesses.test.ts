// `latchkey sandbox --store` as processes: an unreachable store stops the start with a clear
// error; a replica killed with kill -9 mid-load loses no key it acknowledged; `--workers N`
// serves one sandbox from N processes on one port.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RedisServer, redisSuiteTitle, skipRedisTests, startRedis } from "./redisServer.js";
import { startCli, waitForBanner } from "./startCli.js";

let redis: RedisServer;

describe.skipIf(skipRedisTests)(redisSuiteTitle("latchkey sandbox --store"), () => {
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis?.dispose());

  it("exits 1 with a clear error when the store cannot be reached at start, password hidden", async () => {
    const cli = startCli(["sandbox", "--port", "0", "--store", "redis://:hunter2@127.0.0.1:1"]);
    expect(await cli.exited).toBe(1);
    expect(cli.stderr()).toMatch(/Cannot reach the store at redis:\/\/:\*\*\*@127\.0\.0\.1:1/);
    expect(cli.stderr()).not.toContain("hunter2");
  });

  it("a replica killed with kill -9 mid-load loses no key it acknowledged", async () => {
    const a = startCli(["sandbox", "--port", "0", "--quiet", "--store", redis.url]);
    const b = startCli(["sandbox", "--port", "0", "--quiet", "--store", redis.url]);
    try {
      const [first, second] = await Promise.all([waitForBanner(a), waitForBanner(b)]);
      const answered: string[] = [];
      let killed = false;
      await Promise.all(
        Array.from({ length: 60 }, async (_, i) => {
          try {
            const reply = await fetch(`${first.url}/v1/me/api-keys`, {
              method: "POST",
              headers: { authorization: `Bearer ${first.key}`, "content-type": "application/json" },
              body: JSON.stringify({ name: `load-${i}` }),
            });
            const body = (await reply.json()) as { id: string };
            if (reply.status === 201) answered.push(body.id);
            if (answered.length >= 20 && !killed) {
              killed = true;
              a.child.kill("SIGKILL");
            }
          } catch {
            // In flight when the replica died: never answered, never promised.
          }
        }),
      );
      expect(await a.exited).toBe("SIGKILL");
      expect(answered.length).toBeGreaterThanOrEqual(20);
      const lost: string[] = [];
      for (const id of answered) {
        const reply = await fetch(`${second.url}/v1/me/api-keys/${id}`, {
          headers: { authorization: `Bearer ${first.key}` },
        });
        if (reply.status !== 200) lost.push(id);
      }
      expect(lost).toEqual([]);
    } finally {
      await a.kill();
      await b.kill();
    }
  });

  it("--workers 2 serves one sandbox from two processes on one port, and stops them together", async () => {
    const cli = startCli([
      "sandbox",
      "--port",
      "0",
      "--quiet",
      "--workers",
      "2",
      "--store",
      redis.url,
    ]);
    try {
      const { url, key } = await waitForBanner(cli);
      const statuses = await Promise.all(
        Array.from({ length: 40 }, () =>
          fetch(`${url}/v1/agents`, { headers: { authorization: `Bearer ${key}` } }).then(
            (reply) => reply.status,
          ),
        ),
      );
      expect(statuses.every((status) => status === 200)).toBe(true);
      expect(cli.stdout().match(/listening on/g)).toHaveLength(1);
      const workers = execFileSync("ps", ["--ppid", String(cli.child.pid), "-o", "pid="], {
        encoding: "utf8",
      });
      expect(workers.trim().split("\n")).toHaveLength(2);
      cli.child.kill("SIGTERM");
      expect(await cli.exited).toBe(0);
    } finally {
      await cli.kill();
    }
  });
});
