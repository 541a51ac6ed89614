import type { Sandbox } from "latchkey/mock";
import { describe, expect, it } from "vitest";
import { createClient, isApiError, TimeoutError } from "../../src/index.js";
import { BASE_URL, newSandbox, recording } from "./sandboxFixture.js";

// Per-request options, against the in-process sandbox and its fault rules. The client's own
// options are generous, so only the request's option can explain what happens.
async function setUp() {
  const sandbox: Sandbox = newSandbox();
  const ws = await sandbox.createWorkspace();
  const wire = recording(sandbox.fetch);
  const client = createClient({
    baseUrl: BASE_URL,
    fetch: wire.fetch,
    credentials: ws.owner.user_key.secret,
    timeout: 10_000,
    maxRetries: 2,
    retryBackoff: { baseDelayMs: 1, maxDelayMs: 5 },
  });
  const fault = (rule: Omit<Parameters<Sandbox["faults"]["add"]>[0], "workspace_id">) =>
    sandbox.faults.add({ ...rule, workspace_id: ws.workspace.id });
  return { ws, wire, client, fault };
}

async function elapsed(run: () => PromiseLike<unknown>): Promise<[number, unknown]> {
  const started = performance.now();
  const error = await Promise.resolve(run()).then(
    () => undefined,
    (e: unknown) => e,
  );
  return [performance.now() - started, error];
}

describe("per-request options", () => {
  it("timeout: 50 ends a call against a 500 ms delay in about 50 ms, resource or path call", async () => {
    const { client, fault } = await setUp();
    await fault({ match: {}, action: { type: "delay", delay_ms: 500 }, times: 10 });
    const [resource, thrown] = await elapsed(() => client.agents.list({}, { timeout: 50 }));
    expect(thrown).toBeInstanceOf(TimeoutError);
    expect(resource).toBeGreaterThanOrEqual(45);
    expect(resource).toBeLessThan(300);
    const [path, failed] = await elapsed(() => client.GET("/v1/agents", { timeout: 50 }));
    expect(failed).toBeInstanceOf(TimeoutError);
    expect(path).toBeLessThan(300);
  });

  it("maxRetries: 0 makes one request against a 503, where the client would retry", async () => {
    const { client, wire, fault } = await setUp();
    await fault({ match: {}, action: { type: "status", status: 503 }, times: 10 });
    const error = await client.agents.list({}, { maxRetries: 0 }).catch((e: unknown) => e);
    expect(isApiError(error) && error.status).toBe(503);
    expect(wire.to("/v1/agents")).toHaveLength(1);
    const { response } = await client.GET("/v1/agents", { maxRetries: 0 });
    expect(response.status).toBe(503);
    expect(wire.to("/v1/agents")).toHaveLength(2);
    await client.GET("/v1/agents");
    expect(wire.to("/v1/agents")).toHaveLength(5);
  });

  it("idempotencyKey, headers and agentId are sent; agentId only where the operation acts as an agent", async () => {
    const { ws, client, wire } = await setUp();
    const agentId = ws.agents[0]?.agent.id ?? "";
    await client.jobs.create(
      { prompt: "p" },
      { idempotencyKey: "job-1", headers: { "X-Trace": "t1" }, agentId },
    );
    await client.agents.list({}, { agentId });
    await client.POST("/v1/generate", { body: { prompt: "p" }, idempotencyKey: "job-2", agentId });
    const [job, list, pathJob] = wire.exchanges;
    expect(job?.headers.get("Idempotency-Key")).toBe("job-1");
    expect(job?.headers.get("X-Trace")).toBe("t1");
    expect(job?.headers.get("X-Agent-ID")).toBe(agentId);
    expect(job?.status).toBe(201);
    expect(list?.headers.has("X-Agent-ID")).toBe(false);
    expect(pathJob?.headers.get("Idempotency-Key")).toBe("job-2");
    expect(pathJob?.status).toBe(201);
  });

  it("signal aborts the request with the signal's reason", async () => {
    const { client, fault } = await setUp();
    await fault({ match: {}, action: { type: "delay", delay_ms: 500 } });
    const controller = new AbortController();
    const pending = client.agents.list({}, { signal: controller.signal });
    controller.abort(new Error("stop"));
    await expect(pending).rejects.toThrow("stop");
  });
});

describe("clear local errors", () => {
  it("agents.invoke with no agent key for the slug throws before sending, naming agentKeys and the slug", async () => {
    const { client, wire } = await setUp();
    const error = await client.agents.invoke("agent-one", { input: "hi" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/agentKeys.*"agent-one"/);
    expect(wire.exchanges).toHaveLength(0);
  });
});
