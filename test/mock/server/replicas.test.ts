// `--store redis://…`: replicas of one sandbox on one Redis. The shared scenario suite passes with
// every request sent to a random replica (through a balancer); a revoke through one replica holds on the others for
// every request that starts after it answered; Redis lost means 503, and its return recovery.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSandboxServer,
  type SandboxServer,
} from "../../../mock/server/createSandboxServer.js";
import { openSharedStore, type SharedStore } from "../../../mock/state/openSharedStore.js";
import { defineAuthScenarios } from "../scenarios/defineAuthScenarios.js";
import { type RedisServer, redisSuiteTitle, skipRedisTests, startRedis } from "./redisServer.js";
import { startBalancer } from "./startBalancer.js";

interface Replica {
  server: SandboxServer;
  store: SharedStore;
  url: string;
}

async function startReplicas(redis: RedisServer, count: number, prefix: string) {
  const replicas: Replica[] = [];
  for (let i = 0; i < count; i++) {
    const store = await openSharedStore(redis.url, prefix);
    const server = createSandboxServer({
      strict: true,
      state: store.state,
      changeLog: store.changeLog,
    });
    replicas.push({ server, store, url: await server.listen(0) });
  }
  return {
    replicas,
    async close() {
      for (const { server, store } of replicas) {
        await server.close();
        await store.close();
      }
    },
  };
}

let redis: RedisServer;

describe.skipIf(skipRedisTests)(redisSuiteTitle("replicas on one Redis"), () => {
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis?.dispose());

  for (const count of [2, 3]) {
    defineAuthScenarios(
      `the scenario suite, each request to a random one of ${count} replicas`,
      async () => {
        const { replicas, close } = await startReplicas(redis, count, `scenarios${count}`);
        // Behind one address, as behind a load balancer: links the sandbox mints name it.
        const balancer = await startBalancer(replicas.map((r) => r.url));
        return {
          fetch: globalThis.fetch,
          baseUrl: balancer.url,
          async advanceClock(duration) {
            const reply = await fetch(`${balancer.url}/_sandbox/clock`, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ advance: duration }),
            });
            if (reply.status !== 200)
              throw new Error(`advancing the clock failed: ${reply.status}`);
          },
          async close() {
            await balancer.close();
            await close();
          },
        };
      },
    );
  }

  it("a key revoked through one replica fails on every replica for every request started after the revoke answered", async () => {
    const { replicas, close } = await startReplicas(redis, 3, "revoke");
    try {
      const urls = replicas.map((r) => r.url);
      const ws = (await (
        await fetch(`${urls[0]}/_sandbox/workspaces`, { method: "POST" })
      ).json()) as { owner: { user_key: { secret: string } } };
      const owner = ws.owner.user_key.secret;
      const created = (await (
        await fetch(`${urls[1]}/v1/me/api-keys`, {
          method: "POST",
          headers: { authorization: `Bearer ${owner}`, "content-type": "application/json" },
          body: JSON.stringify({ name: "doomed" }),
        })
      ).json()) as { id: string; secret: string };

      let revokedAt = Number.POSITIVE_INFINITY;
      const late: number[] = [];
      const use = async (i: number) => {
        const started = performance.now();
        const reply = await fetch(`${urls[i % urls.length]}/v1/agents`, {
          headers: { authorization: `Bearer ${created.secret}` },
        });
        await reply.arrayBuffer();
        if (started > revokedAt && reply.status === 200) late.push(i);
        return reply.status;
      };
      const before = Array.from({ length: 100 }, (_, i) => use(i));
      const revoke = fetch(`${urls[2]}/v1/me/api-keys/${created.id}`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${owner}` },
      }).then((reply) => {
        revokedAt = performance.now();
        return reply.status;
      });
      expect(await revoke).toBe(200);
      const after = Array.from({ length: 100 }, (_, i) => use(i));
      const statuses = await Promise.all([...before, ...after]);
      expect(late).toEqual([]);
      // The 100 sent after the revoke answered all failed, on every replica.
      expect((await Promise.all(after)).every((s) => s === 401)).toBe(true);
      expect(statuses.length).toBe(200);
    } finally {
      await close();
    }
  });

  it("answers 503 store_unavailable while Redis is gone, and recovers by itself when it returns", async () => {
    const { replicas, close } = await startReplicas(redis, 2, "outage");
    try {
      const [a, b] = replicas.map((r) => r.url);
      const ws = (await (await fetch(`${a}/_sandbox/workspaces`, { method: "POST" })).json()) as {
        owner: { user_key: { secret: string } };
      };
      const auth = { authorization: `Bearer ${ws.owner.user_key.secret}` };
      expect((await fetch(`${b}/v1/agents`, { headers: auth })).status).toBe(200);

      await redis.stop();
      const down = await fetch(`${b}/v1/agents`, { headers: auth });
      expect(down.status).toBe(503);
      expect(down.headers.get("retry-after")).toBe("1");
      expect(((await down.json()) as { code: string }).code).toBe("store_unavailable");

      await redis.start();
      let status = 0;
      for (let i = 0; i < 50 && status !== 200; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        status = (await fetch(`${b}/v1/agents`, { headers: auth })).status;
      }
      expect(status).toBe(200);
    } finally {
      await close();
    }
  });
});
