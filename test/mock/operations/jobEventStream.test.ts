// A job stream holds one timer at most, and none once the reader goes away: cancelling the body
// or aborting the request clears it. Timers are faked only to be counted (vi.getTimerCount).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createSandbox } from "../../../mock/index.js";

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

async function openStream(signal?: AbortSignal) {
  // A long interval keeps the stream waiting on its timer while the test looks.
  const sandbox = createSandbox({ streamIntervalMs: 60_000 });
  const ws = await sandbox.createWorkspace();
  const headers = { authorization: `Bearer ${ws.owner.user_key.secret}` };
  const job = await sandbox.fetch("/v1/generate", {
    method: "POST",
    headers: {
      ...headers,
      "content-type": "application/json",
      "x-agent-id": ws.agents[0]?.agent.id ?? "",
    },
    body: JSON.stringify({ prompt: "slow", steps: 3 }),
  });
  const { id } = (await job.json()) as { id: string };
  const response = await sandbox.fetch(`/v1/generate/${id}/stream`, { headers, signal });
  expect(response.status).toBe(200);
  const reader = response.body?.getReader();
  if (!reader) throw new Error("no body");
  return reader;
}

describe("job event stream", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("clears its timer when the reader cancels the stream", async () => {
    const reader = await openStream();
    const pending = reader.read();
    await flush();
    expect(vi.getTimerCount()).toBe(1);
    await reader.cancel();
    expect((await pending).done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("ends the stream and clears its timer when the request is aborted", async () => {
    const controller = new AbortController();
    const reader = await openStream(controller.signal);
    const pending = reader.read().catch(() => ({ done: true }));
    await flush();
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    expect((await pending).done).toBe(true);
    await flush();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("sends the next event when its timer fires", async () => {
    const reader = await openStream();
    const pending = reader.read();
    await flush();
    await vi.advanceTimersByTimeAsync(60_000);
    const { value } = await pending;
    expect(new TextDecoder().decode(value)).toMatch(/^id: 1\nevent: progress\n/);
    await reader.cancel();
    expect(vi.getTimerCount()).toBe(0);
  });
});
