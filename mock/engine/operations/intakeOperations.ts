// A team's intake webhook. A team key opens only its own team's intake; a user credential only
// the intakes of teams the user belongs to. Another workspace's team is a plain 404.
import type { EngineContext } from "../EngineContext.js";
import { ProblemError } from "../ProblemError.js";
import type { OperationHandlers } from "../types.js";
import { inWorkspace, principalOf } from "./inWorkspace.js";
import { iso } from "./toApi.js";

export function intakeOperations(ctx: EngineContext): Pick<OperationHandlers, "postIntake"> {
  return {
    postIntake(input) {
      const principal = principalOf(input);
      const team = inWorkspace(ctx.store.teams, input.path.teamId, principal.workspaceId, "team");
      if (principal.kind === "team_key" && principal.teamId !== team.id) {
        throw new ProblemError(
          403,
          "team_mismatch",
          `This team key belongs to another team than ${team.id}.`,
        );
      }
      if (
        principal.kind !== "team_key" &&
        (principal.userId === null || !team.memberIds.includes(principal.userId))
      ) {
        throw new ProblemError(
          403,
          "team_mismatch",
          `Only members of team ${team.id} may post to its intake.`,
        );
      }
      return {
        status: 202,
        body: { id: ctx.crypto.id("evt"), team_id: team.id, received_at: iso(ctx.clock.now()) },
      };
    },
  };
}
