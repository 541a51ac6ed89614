// Who may mint a team's keys: the team's own members, and the workspace's admins and owners. A
// team key opens the team's intake, so minting one must need no more than posting there does
// (members only) — otherwise any member could mint their way into another team's intake.
import { ProblemError } from "../ProblemError.js";
import type { Principal, TeamRecord } from "../types.js";

export function assertMayMintTeamKey(principal: Principal, team: TeamRecord): void {
  // The spec's x-credentials already keep workspace keys out; kept so the rule holds on its own.
  if (principal.userId === null) {
    throw new ProblemError(
      403,
      "credential_kind_not_allowed",
      `Only a user may mint keys for team ${team.id}: a member of it, or a workspace admin or owner.`,
    );
  }
  if (principal.role === "owner" || principal.role === "admin") return;
  if (!team.memberIds.includes(principal.userId)) {
    throw new ProblemError(
      403,
      "team_mismatch",
      `Only members of team ${team.id}, or workspace admins and owners, may mint its keys.`,
    );
  }
}
