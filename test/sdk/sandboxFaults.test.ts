// The SDK's retry, Retry-After, refresh and timeout paths against the real sandbox failing on
// cue (fault rules), in-process and over HTTP, instead of a hand-written fake server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../../mock/index.js";
import { createSandboxServer } from "../../mock/server/createSandboxServer.js";
import type { SandboxWorkspace } from "../../mock/vitest/index.js";
import {
  ConnectionError,
  createClient,
  RateLimitError,
  TimeoutError,
  unwrap,
} from "../../src/index.js";
import { BASE_URL, newSandbox, recording } from "./sandboxFixture.js";

const fast = { baseDelayMs: 1, maxDelayMs: 5 };

async function setUp(options: { maxRetries?: number; timeout?: number } = {}) {
  const sandbox = newSandbox();
  const ws = await sandbox.createWorkspace();
  const wire = recording(sandbox.fetch);
  const client = createClient({
    baseUrl: BASE_URL,
    fetch: wire.fetch,
    credentials: ws.owner.user_key.secret,
    maxRetries: options.maxRetries ?? 2,
    retryBackoff: fast,
    timeout: options.timeout,
  });
  const fault = (rule: Omit<Parameters<Sandbox["faults"]["add"]>[0], "workspace_id">) =>
    sandbox.faults.add({ ...rule, workspace_id: ws.workspace.id });
  return { sandbox, ws, wire, client, fault };
}

describe("the SDK against a failing sandbox, in-process", () => {
  it("retries a 503 with the same body and Idempotency-Key, and creates once", async () => {
    const { wire, client, fault } = await setUp();
    await fault({
      match: { method: "POST", path: "/v1/agents" },
      action: { type: "status", status: 503 },
    });
    const agent = await unwrap(client.POST("/v1/agents", { body: { name: "A", slug: "agent-a" } }));
    expect(agent.slug).toBe("agent-a");
    const [failed, retried] = wire.to("/v1/agents");
    expect(failed?.code).toBe("service_unavailable");
    expect(retried?.status).toBe(201);
    expect(retried?.body).toBe(failed?.body);
    expect(retried?.headers.get("Idempotency-Key")).toBe(failed?.headers.get("Idempotency-Key"));
    const { data } = await unwrap(client.GET("/v1/agents"));
    expect(data.filter((a) => a.slug === "agent-a")).toHaveLength(1);
  });

  it("waits the 429's Retry-After (1 s) before retrying", async () => {
    const { wire, client, fault } = await setUp();
    await fault({
      match: { operation_id: "listAgents" },
      action: { type: "status", status: 429, retry_after: 1 },
    });
    const started = performance.now();
    const { response } = await client.GET("/v1/agents");
    const waited = performance.now() - started;
    expect(response.status).toBe(200);
    expect(wire.to("/v1/agents").map((e) => e.status)).toEqual([429, 200]);
    expect(waited).toBeGreaterThanOrEqual(950);
    expect(waited).toBeLessThan(2_500);
  });

  it("returns RateLimitError at once when Retry-After is longer than the policy waits", async () => {
    const { wire, client, fault } = await setUp({ maxRetries: 2 });
    await fault({ match: {}, action: { type: "status", status: 429, retry_after: 3600 } });
    const error = await unwrap(client.GET("/v1/agents")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(3600);
    expect(wire.to("/v1/agents")).toHaveLength(1);
  });

  it("gives up after the retry limit and returns the last 503", async () => {
    const { wire, client, fault } = await setUp();
    await fault({ match: {}, action: { type: "status", status: 503 }, times: 10 });
    const { response } = await client.GET("/v1/agents");
    expect(response.status).toBe(503);
    expect(wire.to("/v1/agents")).toHaveLength(3);
  });

  it("retries a dropped connection, and throws ConnectionError past the limit", async () => {
    const { sandbox, ws, client, fault } = await setUp();
    await fault({ match: {}, action: { type: "drop" }, times: 1 });
    expect((await client.GET("/v1/agents")).response.status).toBe(200);
    await fault({ match: {}, action: { type: "drop" }, times: 3 });
    const error = await client.GET("/v1/agents").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    const fired = (await sandbox.faults.list(ws.workspace.id)).map((rule) => rule.fired);
    expect(fired).toEqual([1, 3]);
  });

  it("refreshes once on an early token_expired and replays the request unchanged", async () => {
    const { sandbox, ws, fault } = await setUp();
    const wire = recording(sandbox.fetch);
    const client = createClient({
      baseUrl: BASE_URL,
      fetch: wire.fetch,
      credentials: { email: ws.owner.user.email, password: ws.owner.password },
      now: () => sandbox.clock.now().getTime(),
    });
    await unwrap(client.GET("/v1/auth/whoami"));
    await fault({ match: { credential_kind: "session" }, action: { type: "token_expired" } });
    const agent = await unwrap(client.POST("/v1/agents", { body: { name: "B", slug: "agent-b" } }));
    expect(agent.slug).toBe("agent-b");
    expect(wire.to("/v1/auth/refresh")).toHaveLength(1);
    const [rejected, replayed] = wire.to("/v1/agents");
    expect(rejected?.code).toBe("token_expired");
    expect(replayed?.body).toBe(rejected?.body);
  });

  it("times out on a delayed answer, counting the wait, with TimeoutError", async () => {
    const { client, fault } = await setUp({ timeout: 100 });
    await fault({ match: {}, action: { type: "delay", delay_ms: 2_000 } });
    const started = performance.now();
    const error = await client.GET("/v1/agents").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("makes a flaky API (30% 503s, seeded) invisible to a client that retries", async () => {
    const { sandbox, ws, client, fault } = await setUp({ maxRetries: 5 });
    await fault({ match: {}, action: { type: "status", status: 503 }, probability: 0.3, seed: 11 });
    const statuses = [];
    for (let i = 0; i < 20; i++) statuses.push((await client.GET("/v1/agents")).response.status);
    expect(statuses.every((status) => status === 200)).toBe(true);
    const [rule] = await sandbox.faults.list(ws.workspace.id);
    expect(rule?.fired).toBeGreaterThan(0);
  });
});

describe("the SDK against a failing sandbox, over HTTP", () => {
  const server = createSandboxServer({ strict: true });
  let url = "";
  beforeAll(async () => {
    url = await server.listen(0, "127.0.0.1");
  });
  afterAll(() => server.close({ timeoutMs: 1_000 }));

  const setUpHttp = async (timeout?: number) => {
    const reply = await fetch(`${url}/_sandbox/workspaces`, { method: "POST" });
    const ws = (await reply.json()) as SandboxWorkspace;
    const client = createClient({
      baseUrl: url,
      credentials: ws.owner.user_key.secret,
      maxRetries: 2,
      retryBackoff: fast,
      timeout,
    });
    const fault = (rule: object) =>
      fetch(`${url}/_sandbox/faults`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...rule, workspace_id: ws.workspace.id }),
      });
    return { client, fault };
  };

  it("retries a socket the server destroyed, then succeeds", async () => {
    const { client, fault } = await setUpHttp();
    expect((await fault({ match: {}, action: { type: "drop" }, times: 2 })).status).toBe(201);
    const { response } = await client.GET("/v1/agents");
    expect(response.status).toBe(200);
  });

  it("times out on a delayed answer over a real connection", async () => {
    const { client, fault } = await setUpHttp(150);
    await fault({ match: {}, action: { type: "delay", delay_ms: 3_000 } });
    const started = performance.now();
    await expect(client.GET("/v1/agents")).rejects.toBeInstanceOf(TimeoutError);
    expect(performance.now() - started).toBeLessThan(1_500);
  });
});
