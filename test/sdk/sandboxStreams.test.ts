import { describe, expect, it } from "vitest";
import { createClient, type JobEvent, unwrap } from "../../src/index.js";
import { BASE_URL, newSandbox, recording } from "./sandboxFixture.js";

async function workspace() {
  const sandbox = newSandbox();
  const ws = await sandbox.createWorkspace();
  const [one] = ws.agents;
  if (!one) throw new Error("the sandbox workspace has agents");
  const client = createClient({
    baseUrl: BASE_URL,
    fetch: sandbox.fetch,
    credentials: ws.owner.user_key.secret,
  });
  return { sandbox, ws, client, one };
}

/** Cuts an SSE body after `events` complete events, as a dropped connection would. */
function dropAfter(
  body: NonNullable<Response["body"]>,
  events: number,
): ReadableStream<Uint8Array> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  const encoder = new TextEncoder();
  let seen = 0;
  return new ReadableStream({
    async pull(controller) {
      // Erroring discards what is still queued, so the break comes on the pull after the last event.
      if (seen >= events) {
        await reader.cancel();
        return controller.error(new TypeError("terminated"));
      }
      const { value, done } = await reader.read();
      if (done) return controller.close();
      for (const frame of value.split(/(?<=\n\n)/)) {
        if (seen >= events) break;
        controller.enqueue(encoder.encode(frame));
        if (frame.endsWith("\n\n")) seen++;
      }
    },
  });
}

describe("streams and links against the sandbox", () => {
  it("downloadUrl gives a URL that downloads the file with no auth header", async () => {
    const { sandbox, client, one } = await workspace();
    const url = await client.downloads.url(one.agent.id, "hello.txt");
    expect(
      url.startsWith(`${BASE_URL}/v1/downloads/${one.agent.id}/hello.txt?token=lk_dlt_test_`),
    ).toBe(true);
    const request = new Request(url);
    expect([...request.headers.keys()]).toEqual([]);
    const response = await sandbox.fetch(request);
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(await response.text()).toBe(`Hello from agent ${one.agent.id}.\n`);
  });

  it("streamJob survives a dropped connection and resumes without repeating events", async () => {
    const { sandbox, ws, one } = await workspace();
    let drops = 1;
    const wire = recording(async (request) => {
      const response = await sandbox.fetch(request);
      if (!request.url.endsWith("/stream") || drops-- <= 0 || !response.body) return response;
      return new Response(dropAfter(response.body, 2), response);
    });
    const client = createClient({
      baseUrl: BASE_URL,
      fetch: wire.fetch,
      credentials: ws.owner.user_key.secret,
    });
    const job = await unwrap(
      client.withAgent(one.agent.id).POST("/v1/generate", { body: { prompt: "draft", steps: 4 } }),
    );
    const events: JobEvent[] = [];
    for await (const event of client.jobs.stream(job.id, { reconnectDelayMs: 10 }))
      events.push(event);
    expect(events.map((e) => `${e.id}:${e.event}`)).toEqual([
      "1:progress",
      "2:progress",
      "3:progress",
      "4:progress",
      "5:done",
    ]);
    expect(events.at(-1)?.data).toMatchObject({ job_id: job.id, status: "succeeded" });
    const streams = wire.to(`/v1/generate/${job.id}/stream`);
    expect(streams.map((e) => e.headers.get("Last-Event-ID"))).toEqual([null, "2"]);
  });

  it("streamUrl gives an EventSource URL that streams with no header", async () => {
    const { sandbox, client, one } = await workspace();
    const job = await unwrap(
      client.withAgent(one.agent.id).POST("/v1/generate", { body: { prompt: "p", steps: 1 } }),
    );
    const url = await client.jobs.streamUrl(job.id);
    expect(url).toContain("token=lk_stt_test_");
    const response = await sandbox.fetch(new Request(url));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("event: done");
  });
});
