// Agents of the caller's workspace. Deleting one revokes its agent keys in the same step, so a
// key of a deleted agent fails on the very next request (as token_revoked, not a dangling 404).
import type { EngineContext } from "../EngineContext.js";
import { ProblemError } from "../ProblemError.js";
import type { AgentRecord, OperationHandlers } from "../types.js";
import { inWorkspace, principalOf } from "./inWorkspace.js";
import { paginate } from "./paginate.js";
import { agentToApi } from "./toApi.js";

type AgentOperationId = "listAgents" | "createAgent" | "getAgent" | "deleteAgent";

export function agentOperations(ctx: EngineContext): Pick<OperationHandlers, AgentOperationId> {
  return {
    listAgents(input) {
      const { workspaceId } = principalOf(input);
      const agents = [...ctx.store.agents.values()].filter((a) => a.workspaceId === workspaceId);
      return { status: 200, body: paginate(agents, input.query, "oldest-first", agentToApi) };
    },

    createAgent(input) {
      const { workspaceId } = principalOf(input);
      const { name, slug } = input.body ?? { name: "", slug: "" };
      if (ctx.store.findAgentBySlug(workspaceId, slug)) {
        throw new ProblemError(
          409,
          "conflict",
          `The slug ${slug} is already taken in this workspace.`,
        );
      }
      const agent: AgentRecord = {
        id: ctx.crypto.id("agt"),
        workspaceId,
        name,
        slug,
        createdAt: ctx.clock.now(),
      };
      ctx.store.putAgent(agent);
      return { status: 201, body: agentToApi(agent) };
    },

    getAgent(input) {
      const { workspaceId } = principalOf(input);
      const agent = inWorkspace(ctx.store.agents, input.path.agentId, workspaceId, "agent");
      return { status: 200, body: agentToApi(agent) };
    },

    deleteAgent(input) {
      const { workspaceId } = principalOf(input);
      const agent = inWorkspace(ctx.store.agents, input.path.agentId, workspaceId, "agent");
      const now = ctx.clock.now();
      for (const key of ctx.store.keys.values()) {
        if (key.owner.type === "agent" && key.owner.id === agent.id && key.revokedAt === null)
          ctx.store.putKey({ ...key, revokedAt: now });
      }
      ctx.store.deleteAgent(agent.id);
      return { status: 200, body: agentToApi(agent) };
    },
  };
}
