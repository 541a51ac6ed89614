import type { CompiledOperation } from "./compileOperations.js";
import { ProblemError } from "./ProblemError.js";
import type { Store } from "./Store.js";
import type { Principal } from "./types.js";

/**
 * The agent a request acts as, for operations with `x-agent-context`. An agent key carries its
 * agent and cannot name another; other credentials name one of their workspace's agents with
 * `X-Agent-ID`, or leave it out when the workspace has exactly one.
 */
export function resolveAgentContext(
  principal: Principal,
  operation: CompiledOperation,
  header: string | null,
  store: Store,
): string | null {
  const context = operation.security.agentContext;
  if (context === "none") return null;
  if (principal.kind === "agent_key") {
    if (header !== null && header !== principal.agentId) {
      throw new ProblemError(
        403,
        "agent_mismatch",
        "This agent key belongs to another agent than the one in X-Agent-ID.",
      );
    }
    return principal.agentId;
  }
  if (principal.kind === "team_key") {
    // A team key only posts to its team's intake: it acts as no agent, named or implied.
    if (header !== null) {
      throw new ProblemError(403, "agent_forbidden", "A team key cannot act as an agent.");
    }
    return null;
  }
  if (header !== null) {
    const agent = store.agents.get(header);
    if (!agent || agent.workspaceId !== principal.workspaceId) {
      throw new ProblemError(
        403,
        "agent_forbidden",
        // The id is not quoted back: no problem echoes a header's raw value.
        "This credential cannot act as the agent named in X-Agent-ID: it is not an agent of its workspace.",
      );
    }
    return agent.id;
  }
  let only: string | null = null;
  let count = 0;
  for (const agent of store.agents.values()) {
    if (agent.workspaceId !== principal.workspaceId) continue;
    only = agent.id;
    if (++count > 1) break;
  }
  if (count === 1) return only;
  if (context === "optional") return null;
  throw new ProblemError(
    400,
    "agent_context_required",
    count === 0
      ? "This operation acts as an agent, and the workspace has none: create an agent first."
      : "This operation acts as an agent and the workspace has several: name one with X-Agent-ID.",
  );
}
