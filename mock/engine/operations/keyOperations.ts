// The twenty key operations: four owners (the caller, a workspace, a team, an agent) times
// list/create/get/revoke/rotate, all served by the one `keyFamily` implementation.
import type { EngineContext } from "../EngineContext.js";
import { ProblemError } from "../ProblemError.js";
import type { OperationHandlers, Principal } from "../types.js";
import { inWorkspace, principalOf } from "./inWorkspace.js";
import { keyFamily } from "./keyFamily.js";
import { assertMayMintTeamKey } from "./teamKeyMinting.js";

type KeyOperationId =
  `${"list" | "create" | "get" | "revoke" | "rotate"}${"User" | "Workspace" | "Team" | "Agent"}Key${"" | "s"}` &
    keyof OperationHandlers;

export function keyOperations(ctx: EngineContext): Pick<OperationHandlers, KeyOperationId> {
  const me = keyFamily<unknown>(ctx, "user_key", (principal) => {
    if (principal.userId === null) {
      throw new ProblemError(403, "credential_kind_not_allowed", "Only a user has user keys.");
    }
    return {
      workspaceId: principal.workspaceId,
      owner: { type: "user", id: principal.userId },
      userId: principal.userId,
    };
  });
  const workspace = keyFamily<{ workspaceId: string }>(ctx, "workspace_key", (principal, path) => {
    // The engine refuses this before the operation runs; kept so the rule holds on its own.
    if (path.workspaceId !== principal.workspaceId) {
      throw new ProblemError(
        403,
        "workspace_mismatch",
        "The credential belongs to another workspace.",
      );
    }
    // The principal's copy of the (equal) id: the path's is a slice of the request URL, and a
    // stored slice would keep the whole URL alive for as long as the key exists.
    return {
      workspaceId: principal.workspaceId,
      owner: { type: "workspace", id: principal.workspaceId },
      userId: null,
    };
  });
  const team = keyFamily<{ teamId: string }>(ctx, "team_key", (principal, path) => {
    const found = inWorkspace(ctx.store.teams, path.teamId, principal.workspaceId, "team");
    return { workspaceId: found.workspaceId, owner: { type: "team", id: found.id }, userId: null };
  });
  const teamOf = (input: { principal: Principal | null; path: { teamId: string } }) =>
    inWorkspace(ctx.store.teams, input.path.teamId, principalOf(input).workspaceId, "team");
  const agent = keyFamily<{ agentId: string }>(ctx, "agent_key", (principal, path) => {
    const found = inWorkspace(ctx.store.agents, path.agentId, principal.workspaceId, "agent");
    return { workspaceId: found.workspaceId, owner: { type: "agent", id: found.id }, userId: null };
  });

  return {
    listUserKeys: (input) => me.list(input),
    createUserKey: (input) => me.create(input),
    getUserKey: (input) => me.get(input),
    revokeUserKey: (input) => me.revoke(input),
    rotateUserKey: (input) => me.rotate(input),
    listWorkspaceKeys: (input) => workspace.list(input),
    createWorkspaceKey: (input) => workspace.create(input),
    getWorkspaceKey: (input) => workspace.get(input),
    revokeWorkspaceKey: (input) => workspace.revoke(input),
    rotateWorkspaceKey: (input) => workspace.rotate(input),
    listTeamKeys: (input) => team.list(input),
    createTeamKey: (input) => {
      assertMayMintTeamKey(principalOf(input), teamOf(input));
      return team.create(input);
    },
    getTeamKey: (input) => team.get(input),
    revokeTeamKey: (input) => team.revoke(input),
    rotateTeamKey: (input) => {
      assertMayMintTeamKey(principalOf(input), teamOf(input));
      return team.rotate(input);
    },
    listAgentKeys: (input) => agent.list(input),
    createAgentKey: (input) => agent.create(input),
    getAgentKey: (input) => agent.get(input),
    revokeAgentKey: (input) => agent.revoke(input),
    rotateAgentKey: (input) => agent.rotate(input),
  };
}
