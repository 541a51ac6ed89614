// Issuing a key of any kind straight into the store, for fixtures and `sandbox.issueKey()`. The
// HTTP operations apply the creator's rules instead (keyFamily); here only the owner's limits hold.
import { scopes as allScopes, roles, type Scope } from "../../src/generated/security.js";
import type { EngineContext } from "./EngineContext.js";
import { mintKeyRecord } from "./operations/mintKeyRecord.js";
import { keyWithSecretToApi } from "./operations/toApi.js";
import { ProblemError } from "./ProblemError.js";
import { parseDuration } from "./parseDuration.js";
import type { KeyKind, KeyRecord, Schemas } from "./types.js";

/** A fixture refers to something this sandbox does not have. */
export function notFound(what: string): ProblemError {
  return new ProblemError(404, "not_found", `There is no ${what} in this sandbox.`);
}

/** The first record of a workspace, in creation order (Maps keep insertion order). */
export function firstOf<T extends { workspaceId: string }>(
  records: ReadonlyMap<string, T>,
  workspaceId: string,
  pick: (record: T) => boolean = () => true,
): T | undefined {
  for (const record of records.values()) {
    if (record.workspaceId === workspaceId && pick(record)) return record;
  }
  return undefined;
}

export interface IssueKeyOptions {
  /** Which kind of key to issue. */
  kind: KeyKind;
  /** The workspace the key belongs to. */
  workspaceId: string;
  /** The user, team or agent that owns it; default the workspace's owner, first team or first agent. */
  ownerId?: string;
  /** Default: the owner's role scopes (user key), all scopes (workspace key), none (team key), agents:invoke (agent key). */
  scopes?: Scope[];
  /** Lifetime such as "90d", or seconds; default no expiry. */
  expiresIn?: string | number;
  /** Default: the kind, e.g. "workspace_key". */
  name?: string;
}

function ownerOf(
  ctx: EngineContext,
  options: IssueKeyOptions,
): { owner: KeyRecord["owner"]; userId: string | null; defaults: readonly Scope[] } {
  const { workspaceId, ownerId } = options;
  const inWorkspace = <T extends { workspaceId: string }>(record: T | undefined) =>
    record?.workspaceId === workspaceId ? record : undefined;
  switch (options.kind) {
    case "user_key": {
      const user = ownerId
        ? inWorkspace(ctx.store.users.get(ownerId))
        : firstOf(ctx.store.users, workspaceId, (u) => u.role === "owner");
      if (!user) throw notFound(`user ${ownerId ?? "owner"} in workspace ${workspaceId}`);
      return { owner: { type: "user", id: user.id }, userId: user.id, defaults: roles[user.role] };
    }
    case "workspace_key":
      return { owner: { type: "workspace", id: workspaceId }, userId: null, defaults: allScopes };
    case "team_key": {
      const team = ownerId
        ? inWorkspace(ctx.store.teams.get(ownerId))
        : firstOf(ctx.store.teams, workspaceId);
      if (!team) throw notFound(`team ${ownerId ?? ""} in workspace ${workspaceId}`);
      return { owner: { type: "team", id: team.id }, userId: null, defaults: [] };
    }
    case "agent_key": {
      const agent = ownerId
        ? inWorkspace(ctx.store.agents.get(ownerId))
        : firstOf(ctx.store.agents, workspaceId);
      if (!agent) throw notFound(`agent ${ownerId ?? ""} in workspace ${workspaceId}`);
      return { owner: { type: "agent", id: agent.id }, userId: null, defaults: ["agents:invoke"] };
    }
  }
}

/** Issues a key directly, for fixtures; the HTTP operations apply the creator rules instead. */
export function issueKey(ctx: EngineContext, options: IssueKeyOptions): Schemas["KeyWithSecret"] {
  if (!ctx.store.workspaces.has(options.workspaceId))
    throw notFound(`workspace ${options.workspaceId}`);
  const { owner, userId, defaults } = ownerOf(ctx, options);
  const scopes = options.scopes ?? defaults;
  const extra = scopes.filter((scope) => !defaults.includes(scope));
  if (extra.length > 0) {
    throw new ProblemError(
      403,
      "scope_escalation",
      `A ${options.kind} cannot have ${extra.join(", ")}.`,
    );
  }
  const expiresAt =
    options.expiresIn === undefined ? null : ctx.clock.now() + parseDuration(options.expiresIn);
  const { key, secret } = mintKeyRecord(ctx, {
    kind: options.kind,
    name: options.name ?? options.kind,
    scopes,
    workspaceId: options.workspaceId,
    owner,
    userId,
    expiresAt,
  });
  return keyWithSecretToApi(key, secret);
}
