// Test fixtures: what `POST /_sandbox/workspaces` and `…/users` create, and what the in-process
// controls of `createSandbox()` create without HTTP. Everything secret (passwords, key secrets)
// is returned once here and kept only as hashes and digests.
import { roles } from "../../src/generated/security.js";
import type { EngineContext } from "./EngineContext.js";
import { firstOf, issueKey, notFound } from "./issueKey.js";
import { mintKeyRecord } from "./operations/mintKeyRecord.js";
import {
  agentToApi,
  keyWithSecretToApi,
  teamToApi,
  userToApi,
  workspaceToApi,
} from "./operations/toApi.js";
import { ProblemError } from "./ProblemError.js";
import type { AgentRecord, Role, Schemas, TeamRecord, UserRecord } from "./types.js";

export { type IssueKeyOptions, issueKey } from "./issueKey.js";

export interface CreateWorkspaceOptions {
  /** The workspace's display name; default "Sandbox workspace". */
  name?: string;
}

export interface CreateUserOptions {
  /** The user's role in the workspace, which decides its scopes. */
  role: Role;
  /** Default `<role>-<random>@example.test`. */
  email?: string;
  /** Also make the user a member of the workspace's team (for intake tests). */
  teamMember?: boolean;
}

/** Sixteen random alphanumerics from the engine's generator (seeded when `seed` is set). */
function randomChars(ctx: EngineContext): string {
  return ctx.crypto.id("rnd").slice(-16);
}

export function createUser(
  ctx: EngineContext,
  workspaceId: string,
  options: CreateUserOptions,
): Schemas["SandboxUser"] {
  if (!ctx.store.workspaces.has(workspaceId)) throw notFound(`workspace ${workspaceId}`);
  const email = options.email ?? `${options.role}-${randomChars(ctx).toLowerCase()}@example.test`;
  if (ctx.store.findUserByEmail(email)) {
    throw new ProblemError(409, "conflict", `The email ${email} is already taken in this sandbox.`);
  }
  const password = randomChars(ctx).match(/.{4}/g)?.join("-") ?? randomChars(ctx);
  const user: UserRecord = {
    id: ctx.crypto.id("usr"),
    workspaceId,
    email,
    role: options.role,
    passwordHash: ctx.crypto.hashPassword(password),
  };
  ctx.store.putUser(user);
  if (options.teamMember) {
    const team = firstOf(ctx.store.teams, workspaceId);
    if (team) ctx.store.put("teams", { ...team, memberIds: [...team.memberIds, user.id] });
  }
  const { key, secret } = mintKeyRecord(ctx, {
    kind: "user_key",
    name: options.role,
    scopes: roles[options.role],
    workspaceId,
    owner: { type: "user", id: user.id },
    userId: user.id,
    expiresAt: null,
  });
  return { user: userToApi(user), password, user_key: keyWithSecretToApi(key, secret) };
}

export function createWorkspace(
  ctx: EngineContext,
  options: CreateWorkspaceOptions = {},
): Schemas["SandboxWorkspace"] {
  const now = ctx.clock.now();
  const workspace = {
    id: ctx.crypto.id("ws"),
    name: options.name ?? "Sandbox workspace",
    createdAt: now,
  };
  ctx.store.put("workspaces", workspace);
  const team: TeamRecord = {
    id: ctx.crypto.id("team"),
    workspaceId: workspace.id,
    name: "Support",
    memberIds: [],
  };
  ctx.store.put("teams", team);
  const owner = createUser(ctx, workspace.id, { role: "owner", teamMember: true });
  const agents = [
    ["Agent one", "agent-one"],
    ["Agent two", "agent-two"],
  ].map(([name = "", slug = ""]) => {
    const agent: AgentRecord = {
      id: ctx.crypto.id("agt"),
      workspaceId: workspace.id,
      name,
      slug,
      createdAt: now,
    };
    ctx.store.putAgent(agent);
    const key = issueKey(ctx, {
      kind: "agent_key",
      workspaceId: workspace.id,
      ownerId: agent.id,
      name: slug,
    });
    return { agent: agentToApi(agent), key };
  });
  // Read back: the owner joined the team after it was stored, as a new record.
  const joined = ctx.store.teams.get(team.id) ?? team;
  return { workspace: workspaceToApi(workspace), owner, agents, team: teamToApi(joined) };
}
