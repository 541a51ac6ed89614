// Generation jobs: create (as an agent), read, stream progress, and mint stream tokens.
import type { EngineContext } from "../EngineContext.js";
import { ProblemError } from "../ProblemError.js";
import type { JobRecord, OperationHandlers, Principal } from "../types.js";
import { inWorkspace, principalOf } from "./inWorkspace.js";
import { jobEventStream } from "./jobEventStream.js";
import { catchUpJob } from "./jobProgress.js";
import { signedLink } from "./signedLink.js";
import { jobToApi } from "./toApi.js";

type JobOperationId = "createJob" | "getJob" | "streamJob" | "createStreamToken";

export function jobOperations(ctx: EngineContext): Pick<OperationHandlers, JobOperationId> {
  const findJob = (principal: Principal, jobId: string): JobRecord => {
    const job = inWorkspace(ctx.store.jobs, jobId, principal.workspaceId, "job");
    return catchUpJob(ctx, job);
  };

  return {
    createJob(input) {
      const principal = principalOf(input);
      const agentId = input.agentId;
      if (agentId === null) {
        throw new ProblemError(400, "agent_context_required", "Say which agent runs the job.");
      }
      const job: JobRecord = {
        id: ctx.crypto.id("job"),
        workspaceId: principal.workspaceId,
        agentId,
        prompt: input.body?.prompt ?? "",
        steps: input.body?.steps ?? 5,
        status: "queued",
        progress: 0,
        createdAt: ctx.clock.now(),
      };
      ctx.store.put("jobs", job);
      return { status: 201, body: jobToApi(job) };
    },

    getJob(input) {
      return { status: 200, body: jobToApi(findJob(principalOf(input), input.path.jobId)) };
    },

    streamJob(input) {
      const principal = principalOf(input);
      const job = findJob(principal, input.path.jobId);
      const lastEventId = Number.parseInt(input.request.headers.get("last-event-id") ?? "0", 10);
      // The engine has checked that a stream token is bound to this job; its URL must not leak.
      const headers: Record<string, string> =
        principal.kind === "stream_token" ? { "referrer-policy": "no-referrer" } : {};
      return jobEventStream(ctx, job, {
        after: Number.isFinite(lastEventId) ? lastEventId : 0,
        signal: input.request.signal,
        headers,
      });
    },

    createStreamToken(input) {
      const principal = principalOf(input);
      const job = findJob(principal, input.path.jobId);
      const body = signedLink(ctx, {
        kind: "stream_token",
        resource: job.id,
        workspaceId: job.workspaceId,
        path: `/v1/generate/${job.id}/stream`,
        origin: input.request.origin,
        expiresIn: input.body?.expires_in,
        grantedBy: principal,
      });
      return { status: 201, body };
    },
  };
}
