// An agent's files, derived from state rather than stored: every agent has `hello.txt`, and each
// succeeded job of the agent leaves `<jobId>.txt`. Nothing to clean up, nothing to persist.
import type { EngineContext } from "../EngineContext.js";
import type { AgentRecord } from "../types.js";
import { catchUpJob } from "./jobProgress.js";
import { artifactName } from "./toApi.js";

/** The file's text, or undefined when the agent has no such file. */
export function agentFile(
  ctx: EngineContext,
  agent: AgentRecord,
  filename: string,
): string | undefined {
  if (filename === "hello.txt") return `Hello from agent ${agent.id}.\n`;
  const jobId = filename.endsWith(".txt") ? filename.slice(0, -".txt".length) : "";
  const found = ctx.store.jobs.get(jobId);
  if (found === undefined || found.agentId !== agent.id || artifactName(found.id) !== filename) {
    return undefined;
  }
  const job = catchUpJob(ctx, found);
  if (job.status !== "succeeded") return undefined;
  return `Job ${job.id} by agent ${agent.id}\nprompt: ${job.prompt}\noutput: echo: ${job.prompt}\n`;
}
