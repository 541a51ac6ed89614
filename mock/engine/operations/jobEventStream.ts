// A job's progress as server-sent events. The stream is pulled: each pull sends every event that
// is due, or waits (one timer, at most one interval) for the next. Cancelling the stream — the
// client went away — or aborting the request clears that timer, so nothing outlives the reader.
import type { EngineContext } from "../EngineContext.js";
import type { JobRecord } from "../types.js";
import {
  advanceJob,
  catchUpJob,
  dueAt,
  eventCount,
  eventsSent,
  intervalOf,
  type JobEvent,
  jobEvent,
} from "./jobProgress.js";

export interface JobEventStreamOptions {
  /** The last event id the client has seen (`Last-Event-ID`); 0 to start at the beginning. */
  after: number;
  /** Aborting it ends the stream, as a client disconnect does. */
  signal?: AbortSignal;
  /** Extra response headers (request id, referrer policy). */
  headers?: Record<string, string>;
}

function frame(event: JobEvent): string {
  return `id: ${event.id}\nevent: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

export function jobEventStream(
  ctx: EngineContext,
  started: Readonly<JobRecord>,
  options: JobEventStreamOptions,
): { status: 200; raw: ReadableStream<Uint8Array>; headers: Record<string, string> } {
  let job = started;
  const encoder = new TextEncoder();
  const total = eventCount(job);
  let next = options.after + 1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wake: (() => void) | undefined;
  let finished = false;

  const stop = () => {
    finished = true;
    clearTimeout(timer);
    wake?.();
    options.signal?.removeEventListener("abort", onAbort);
  };
  let onAbort = () => {};

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      onAbort = () => {
        if (finished) return;
        stop();
        controller.close();
      };
      if (options.signal?.aborted) onAbort();
      else options.signal?.addEventListener("abort", onAbort);
    },
    async pull(controller) {
      if (finished) return;
      job = catchUpJob(ctx, job);
      let sent = eventsSent(job);
      if (sent < next && next <= total) {
        // Wait until the next event is due, but never more than one interval: a stream keeps
        // moving even if the sandbox clock is set back while it runs.
        const wait = Math.min(
          Math.max(dueAt(ctx, job, next) - ctx.clock.now(), 0),
          intervalOf(ctx),
        );
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, wait);
        });
        wake = undefined;
        if (finished) return;
        job = catchUpJob(ctx, advanceJob(ctx, job, next));
        sent = Math.max(eventsSent(job), next);
      }
      let chunk = "";
      while (next <= Math.min(sent, total)) chunk += frame(jobEvent(job, next++));
      if (chunk) controller.enqueue(encoder.encode(chunk));
      if (next > total) {
        stop();
        controller.close();
      }
    },
    cancel() {
      stop();
    },
  });

  return {
    status: 200,
    raw: stream,
    headers: {
      "content-type": "text/event-stream",
      "cache-control": "no-store",
      ...options.headers,
    },
  };
}
