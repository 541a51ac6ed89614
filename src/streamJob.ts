import { createParser, type EventSourceMessage } from "eventsource-parser";
import type { Client } from "openapi-fetch";
import { ConnectionError } from "./errors/ConnectionError.js";
import { errorFromResponse } from "./errors/errorFromResponse.js";
import { type SseEvent, sseEventNames } from "./generated/events.js";
import type { paths } from "./generated/schema.js";
import { sleep } from "./retry.js";

/** One event of a job's progress stream, typed by the spec's `x-sse-events` (generated). */
export type JobEvent = SseEvent<"streamJob">;

/** Options of `client.streamJob`. */
export interface StreamJobOptions {
  /** Stops the stream; the iterator then throws the signal's reason. */
  signal?: AbortSignal;
  /** Resume after this event id, as a reconnecting EventSource would. */
  lastEventId?: string;
  /** Reconnections in a row without a new event before giving up with ConnectionError (default 3). */
  maxReconnects?: number;
  /** Wait before reconnecting, unless the server's `retry:` field says otherwise (ms, default 500). */
  reconnectDelayMs?: number;
}

const EVENTS = new Set<string>(sseEventNames.streamJob);

function isAfter(id: string, last: string | undefined): boolean {
  if (last === undefined) return true;
  const [a, b] = [Number(id), Number(last)];
  return Number.isInteger(a) && Number.isInteger(b) ? a > b : id !== last;
}

/**
 * A job's events until `done` or `error`. A dropped connection is resumed with `Last-Event-ID`,
 * and an event already delivered is never delivered again.
 */
export async function* streamJob(
  api: Client<paths>,
  jobId: string,
  options: StreamJobOptions = {},
): AsyncGenerator<JobEvent, void, undefined> {
  const { signal, maxReconnects = 3 } = options;
  let lastId = options.lastEventId;
  let delay = options.reconnectDelayMs ?? 500;
  const queue: JobEvent[] = [];
  const parser = createParser({
    onEvent({ event, id, data }: EventSourceMessage) {
      if (event && EVENTS.has(event) && id !== undefined && isAfter(id, lastId)) {
        queue.push({ event, id, data: JSON.parse(data) } as JobEvent);
      }
    },
    onRetry(ms) {
      delay = ms;
    },
  });
  for (let failures = 0; ; ) {
    const header = lastId === undefined ? undefined : { "Last-Event-ID": lastId };
    const { data, error, response } = await api.GET("/v1/generate/{jobId}/stream", {
      params: { path: { jobId }, header },
      parseAs: "stream",
      signal,
    });
    if (error !== undefined || !response.ok || !data) throw errorFromResponse(response, error);
    const reader = data.pipeThrough(new TextDecoderStream()).getReader();
    parser.reset();
    try {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        parser.feed(chunk.value);
        for (let event = queue.shift(); event; event = queue.shift()) {
          lastId = event.id;
          failures = 0;
          yield event;
          if (event.event !== "progress") return;
        }
      }
    } catch {
      // A dropped connection is resumed below; an abort is the caller's and ends the stream.
      signal?.throwIfAborted();
    } finally {
      queue.length = 0;
      reader.cancel().catch(() => {});
    }
    // The stream ended or broke before `done` or `error`: reconnect after the last event seen.
    if (++failures > maxReconnects) {
      const message = `The stream dropped ${failures} times in a row`;
      throw new ConnectionError({
        method: "GET",
        url: response.url,
        code: "connection_failed",
        message,
      });
    }
    await sleep(delay, signal);
  }
}
