// The workspace whose keys `latchkey sandbox` prints in its banner. Made once; with `--state`, a
// restart finds it again instead of adding another workspace with its users, agents and team,
// and prints new keys for it (see bannerKey).
import type { Engine } from "../engine/createEngine.js";
import type { EngineContext } from "../engine/EngineContext.js";
import { createWorkspace } from "../engine/fixtures.js";
import { issueKey } from "../engine/issueKey.js";

/** How the banner's workspace is found again in a state file. */
export const starterWorkspaceName = "Started from the command line";

export interface StarterWorkspace {
  workspaceId: string;
  /** The owner's user key (acts as the owner, all scopes). */
  userKey: string;
  /** The first agent's slug and its agent key, for the invoke line; absent if it was deleted. */
  agent?: { slug: string; key: string };
  /** True when an existing starter workspace from the state file was reused. */
  reused: boolean;
}

/** The name of the keys a restart adds to the reused starter workspace. */
export const bannerKeyName = "latchkey sandbox banner";

/**
 * A new key of `kind` for `ownerId` to print. Secrets are kept only as digests, so a key printed
 * at an earlier start cannot be shown again; the earlier banner keys nobody has used are revoked
 * (a key that was used may be in someone's .env, and keeps working), so restarts do not pile up
 * live keys.
 */
function bannerKey(
  ctx: EngineContext,
  kind: "user_key" | "agent_key",
  workspaceId: string,
  ownerId: string,
): string {
  const now = ctx.clock.now();
  for (const key of ctx.store.keys.values()) {
    const earlierBannerKey =
      key.kind === kind && key.owner.id === ownerId && key.name === bannerKeyName;
    if (earlierBannerKey && key.lastUsedAt === null && key.revokedAt === null)
      ctx.store.putKey({ ...key, revokedAt: now });
  }
  return issueKey(ctx, { kind, workspaceId, ownerId, name: bannerKeyName }).secret;
}

function reuse(ctx: EngineContext, workspaceId: string): StarterWorkspace | undefined {
  let ownerId: string | undefined;
  for (const user of ctx.store.users.values()) {
    if (user.workspaceId === workspaceId && user.role === "owner") {
      ownerId = user.id;
      break;
    }
  }
  if (ownerId === undefined) return undefined;
  const starter: StarterWorkspace = {
    workspaceId,
    userKey: bannerKey(ctx, "user_key", workspaceId, ownerId),
    reused: true,
  };
  for (const agent of ctx.store.agents.values()) {
    if (agent.workspaceId !== workspaceId) continue;
    starter.agent = { slug: agent.slug, key: bannerKey(ctx, "agent_key", workspaceId, agent.id) };
    break;
  }
  return starter;
}

/**
 * The banner's workspace, persisted like any change. Made by the fixture that
 * `POST /_sandbox/workspaces` runs, called directly: the HTTP path would first compile that
 * body's validator, tens of ms before the banner, for a name we choose ourselves.
 */
export async function starterWorkspace(engine: Engine): Promise<StarterWorkspace> {
  await engine.ready;
  const ctx = engine.context;
  let starter: StarterWorkspace | undefined;
  for (const workspace of ctx.store.workspaces.values()) {
    if (workspace.name !== starterWorkspaceName) continue;
    starter = reuse(ctx, workspace.id);
    if (starter) break;
  }
  if (!starter) {
    const created = createWorkspace(ctx, { name: starterWorkspaceName });
    const [first] = created.agents;
    starter = {
      workspaceId: created.workspace.id,
      userKey: created.owner.user_key.secret,
      reused: false,
      ...(first && { agent: { slug: first.agent.slug, key: first.key.secret } }),
    };
  }
  await ctx.persist();
  return starter;
}
