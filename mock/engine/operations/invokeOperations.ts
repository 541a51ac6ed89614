// Invoking an agent by slug. Only an agent key reaches here (x-credentials), and it may invoke
// its own agent only; the sandbox's agent answers deterministically by echoing the input.
import type { EngineContext } from "../EngineContext.js";
import { ProblemError } from "../ProblemError.js";
import type { OperationHandlers } from "../types.js";
import { principalOf } from "./inWorkspace.js";

function countTokens(text: string): number {
  return text.split(/\s+/).filter((word) => word.length > 0).length;
}

export function invokeOperations(ctx: EngineContext): Pick<OperationHandlers, "invokeAgent"> {
  return {
    invokeAgent(input) {
      const principal = principalOf(input);
      const slug = input.path.agentSlug;
      const agent = ctx.store.findAgentBySlug(principal.workspaceId, slug);
      if (agent === undefined) {
        throw new ProblemError(404, "not_found", `There is no agent ${slug} in this workspace.`);
      }
      if (principal.agentId !== agent.id) {
        throw new ProblemError(
          403,
          "agent_mismatch",
          `This key belongs to another agent; it cannot invoke ${slug}.`,
        );
      }
      const text = input.body?.input ?? "";
      const output = `echo: ${text}`;
      return {
        status: 200,
        body: {
          output,
          agent_id: agent.id,
          usage: { input_tokens: countTokens(text), output_tokens: countTokens(output) },
        },
      };
    },
  };
}
