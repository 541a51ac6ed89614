// Stored records → the API's JSON shapes. Records keep epoch milliseconds and camelCase; the API
// speaks RFC 3339 and snake_case. Keeping the mapping in one place keeps every response alike.
import type {
  AgentRecord,
  JobRecord,
  KeyRecord,
  Millis,
  Schemas,
  TeamRecord,
  UserRecord,
  WorkspaceRecord,
} from "../types.js";

// Formatting a Date is the costliest step of a list response, and the same few timestamps (the
// records of one workspace) are formatted on every request: remember recent ones, boundedly.
const isoCache = new Map<Millis, string>();
const ISO_CACHE_SIZE = 4096;

/** RFC 3339 in UTC, without milliseconds (the precision the examples use). */
export function iso(at: Millis): string {
  let text = isoCache.get(at);
  if (text === undefined) {
    text = new Date(at).toISOString().replace(/\.\d{3}Z$/, "Z");
    if (isoCache.size >= ISO_CACHE_SIZE) isoCache.clear();
    isoCache.set(at, text);
  }
  return text;
}

function isoOrNull(at: Millis | null): string | null {
  return at === null ? null : iso(at);
}

export function workspaceToApi(workspace: WorkspaceRecord): Schemas["Workspace"] {
  return { id: workspace.id, name: workspace.name, created_at: iso(workspace.createdAt) };
}

export function userToApi(user: UserRecord): Schemas["User"] {
  return { id: user.id, email: user.email, role: user.role, workspace_id: user.workspaceId };
}

export function teamToApi(team: TeamRecord): Schemas["Team"] {
  return {
    id: team.id,
    name: team.name,
    workspace_id: team.workspaceId,
    member_ids: [...team.memberIds],
  };
}

export function agentToApi(agent: AgentRecord): Schemas["Agent"] {
  return {
    id: agent.id,
    name: agent.name,
    slug: agent.slug,
    workspace_id: agent.workspaceId,
    created_at: iso(agent.createdAt),
  };
}

/** A key's metadata; there is no secret in a record to leak, only `start`. */
export function keyToApi(key: KeyRecord): Schemas["Key"] {
  return {
    id: key.id,
    kind: key.kind,
    name: key.name,
    start: key.start,
    scopes: [...key.scopes],
    workspace_id: key.workspaceId,
    owner: { ...key.owner },
    created_at: iso(key.createdAt),
    expires_at: isoOrNull(key.expiresAt),
    last_used_at: isoOrNull(key.lastUsedAt),
    revoked_at: isoOrNull(key.revokedAt),
  };
}

/** The create/rotate answer: the only place a secret ever appears, straight from the minting. */
export function keyWithSecretToApi(key: KeyRecord, secret: string): Schemas["KeyWithSecret"] {
  return {
    ...keyToApi(key),
    secret,
    previous_secret_expires_at: key.previous ? iso(key.previous.expiresAt) : null,
  };
}

/** The file a succeeded job leaves in its agent's files. */
export function artifactName(jobId: string): string {
  return `${jobId}.txt`;
}

export function jobToApi(job: JobRecord): Schemas["Job"] {
  return {
    id: job.id,
    agent_id: job.agentId,
    workspace_id: job.workspaceId,
    status: job.status,
    progress: job.progress,
    steps: job.steps,
    created_at: iso(job.createdAt),
    artifact: job.status === "succeeded" ? { filename: artifactName(job.id) } : null,
  };
}
