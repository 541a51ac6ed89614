// A job's progress is a function of time: event i (1…steps progress, steps+1 done or error) is
// due `streamIntervalMs` × i after creation. Deriving it, rather than running a timer per job,
// means no background work, nothing to leak, and a state file restores jobs exactly. The record's
// status/progress are brought up to date whenever a job is read or streamed.
import type { EngineContext } from "../EngineContext.js";
import type { JobRecord, Schemas } from "../types.js";
import { artifactName } from "./toApi.js";

export interface JobEvent {
  id: number;
  event: "progress" | "done" | "error";
  data: Schemas["JobProgressEvent"] | Schemas["JobDoneEvent"] | Schemas["JobErrorEvent"];
}

export function intervalOf(ctx: EngineContext): number {
  return Math.max(0, ctx.options.streamIntervalMs ?? 10);
}

/** How many events a job has: one per step, then done or error. */
export function eventCount(job: JobRecord): number {
  return job.steps + 1;
}

function progressAfter(job: JobRecord, eventId: number): number {
  return Math.round((Math.min(eventId, job.steps) * 100) / job.steps);
}

function fails(job: JobRecord): boolean {
  return /fail/i.test(job.prompt);
}

/** Events already sent, read back from the record (progress values are distinct for ≤ 20 steps). */
export function eventsSent(job: JobRecord): number {
  if (job.status === "queued") return 0;
  if (job.status !== "running") return eventCount(job);
  for (let id = job.steps; id >= 1; id--) {
    if (progressAfter(job, id) <= job.progress) return id;
  }
  return 0;
}

/**
 * Marks events up to `eventId` as sent (never backwards): stores the record with its status and
 * progress moved on, as a change like any other, and returns it.
 */
export function advanceJob(
  ctx: EngineContext,
  job: Readonly<JobRecord>,
  eventId: number,
): Readonly<JobRecord> {
  const target = Math.min(eventId, eventCount(job));
  if (target <= eventsSent(job)) return job;
  const status = target <= job.steps ? "running" : fails(job) ? "failed" : "succeeded";
  const advanced = { ...job, progress: progressAfter(job, target), status } as const;
  ctx.store.put("jobs", advanced);
  return advanced;
}

/** When event `eventId` is due, on the sandbox clock. */
export function dueAt(ctx: EngineContext, job: JobRecord, eventId: number): number {
  return job.createdAt + eventId * intervalOf(ctx);
}

/** Brings the record up to the sandbox clock; returns it as now stored. */
export function catchUpJob(ctx: EngineContext, job: Readonly<JobRecord>): Readonly<JobRecord> {
  const interval = intervalOf(ctx);
  const elapsed = ctx.clock.now() - job.createdAt;
  const due = interval === 0 ? eventCount(job) : Math.floor(elapsed / interval);
  return due > 0 ? advanceJob(ctx, job, due) : job;
}

export function jobEvent(job: JobRecord, id: number): JobEvent {
  if (id <= job.steps) {
    return { id, event: "progress", data: { job_id: job.id, progress: progressAfter(job, id) } };
  }
  if (fails(job)) {
    const detail = "The prompt asked for a failure, so the sandbox failed the job.";
    return { id, event: "error", data: { job_id: job.id, code: "generation_failed", detail } };
  }
  const artifact = { filename: artifactName(job.id) };
  return { id, event: "done", data: { job_id: job.id, status: "succeeded", artifact } };
}
