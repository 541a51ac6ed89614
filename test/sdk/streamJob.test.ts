import { describe, expect, it } from "vitest";
import { ConnectionError, createClient, NotFoundError } from "../../src/index.js";
import { BASE, keys, problem, scriptedFetch } from "./scriptedFetch.js";

const JOB = "job_0000000000000001";
const frame = (id: number, event: string, data: object) =>
  `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
const allFrames = [
  frame(1, "progress", { job_id: JOB, progress: 33 }),
  frame(2, "progress", { job_id: JOB, progress: 67 }),
  frame(3, "progress", { job_id: JOB, progress: 100 }),
  frame(4, "done", { job_id: JOB, status: "succeeded", artifact: { filename: `${JOB}.txt` } }),
];

/** An SSE answer that resumes after Last-Event-ID and, if `dropAfter` is set, breaks after that many frames. */
function sse(request: Request, dropAfter?: number): Response {
  const after = Number(request.headers.get("Last-Event-ID") ?? 0);
  const frames = allFrames.slice(after);
  const encoder = new TextEncoder();
  const sending = frames.slice(0, dropAfter ?? frames.length);
  // Pulled one frame at a time: erroring a stream discards what is still queued in it.
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = sending.shift();
      if (next !== undefined) controller.enqueue(encoder.encode(next));
      else if (dropAfter === undefined) controller.close();
      else controller.error(new TypeError("terminated"));
    },
  });
  return new Response(body, { headers: { "Content-Type": "text/event-stream" } });
}

async function collect(iterable: AsyncIterable<{ id: string; event: string }>) {
  const events: string[] = [];
  for await (const e of iterable) events.push(`${e.id}:${e.event}`);
  return events;
}

describe("streamJob", () => {
  it("yields typed events until done", async () => {
    const { fetch } = scriptedFetch((request) => sse(request));
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch });
    const events = [];
    for await (const event of client.jobs.stream(JOB)) {
      if (event.event === "progress") expect(typeof event.data.progress).toBe("number");
      if (event.event === "done") expect(event.data.artifact.filename).toBe(`${JOB}.txt`);
      events.push(event.event);
    }
    expect(events).toEqual(["progress", "progress", "progress", "done"]);
  });

  it("resumes a dropped stream with Last-Event-ID and repeats no event", async () => {
    const { fetch, sent } = scriptedFetch((request, i) => sse(request, i === 0 ? 2 : undefined));
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch });
    const events = await collect(client.jobs.stream(JOB, { reconnectDelayMs: 1 }));
    expect(events).toEqual(["1:progress", "2:progress", "3:progress", "4:done"]);
    expect(sent.map((r) => r.headers.get("Last-Event-ID"))).toEqual([null, "2"]);
    expect(sent[1]?.headers.get("Authorization")).toBe(`Bearer ${keys.user}`);
  });

  it("drops events a server repeats after a resume", async () => {
    // This server ignores Last-Event-ID and starts over: the client must not deliver 1 and 2 again.
    const { fetch } = scriptedFetch((request, i) =>
      sse(new Request(request.url), i === 0 ? 2 : undefined),
    );
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch });
    const events = await collect(client.jobs.stream(JOB, { reconnectDelayMs: 1 }));
    expect(events).toEqual(["1:progress", "2:progress", "3:progress", "4:done"]);
  });

  it("gives up with ConnectionError after maxReconnects drops without progress", async () => {
    const { fetch, sent } = scriptedFetch((request) => sse(request, 0));
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch });
    await expect(
      collect(client.jobs.stream(JOB, { maxReconnects: 2, reconnectDelayMs: 1 })),
    ).rejects.toBeInstanceOf(ConnectionError);
    expect(sent).toHaveLength(3);
  });

  it("throws the typed error of a refused stream without reconnecting", async () => {
    const { fetch, sent } = scriptedFetch(() => problem(404, "not_found"));
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch });
    await expect(collect(client.jobs.stream(JOB))).rejects.toBeInstanceOf(NotFoundError);
    expect(sent).toHaveLength(1);
  });

  it("stops when the signal aborts", async () => {
    const controller = new AbortController();
    const { fetch } = scriptedFetch((request) => sse(request, 1));
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch });
    const seen: string[] = [];
    const run = (async () => {
      for await (const e of client.jobs.stream(JOB, {
        signal: controller.signal,
        reconnectDelayMs: 60_000,
      })) {
        seen.push(e.id);
        controller.abort(new Error("enough"));
      }
    })();
    await expect(run).rejects.toThrow("enough");
    expect(seen).toEqual(["1"]);
  });
});
