import { digestsOf } from "./retiredSecrets.js";
import type {
  AgentRecord,
  JobRecord,
  KeyRecord,
  Millis,
  RefreshTokenRecord,
  SessionFamilyRecord,
  Snapshot,
  TeamRecord,
  UserRecord,
  WorkspaceRecord,
} from "./types.js";

/**
 * The sandbox's in-memory state. Credentials are held only as keyed digests: there is no map
 * keyed by a secret, so a heap dump or a snapshot reveals none. Lookups by digest are counted so
 * tests can prove that malformed tokens are refused before any lookup.
 */
export class Store {
  readonly workspaces = new Map<string, WorkspaceRecord>();
  readonly users = new Map<string, UserRecord>();
  readonly teams = new Map<string, TeamRecord>();
  readonly agents = new Map<string, AgentRecord>();
  readonly keys = new Map<string, KeyRecord>();
  readonly families = new Map<string, SessionFamilyRecord>();
  readonly jobs = new Map<string, JobRecord>();
  readonly revokedJtis = new Map<string, Millis>();
  /** Digest → key id, for current secrets and rotated ones still in their grace period. */
  readonly keyIdByDigest = new Map<string, string>();
  readonly refreshByDigest = new Map<string, RefreshTokenRecord>();
  readonly userIdByEmail = new Map<string, string>();
  /** `${workspaceId}/${slug}` → agent id. */
  readonly agentIdBySlug = new Map<string, string>();
  /** How many credential lookups by digest have been made. */
  lookups = 0;

  findKeyByDigest(digest: string): KeyRecord | undefined {
    this.lookups++;
    const id = this.keyIdByDigest.get(digest);
    return id === undefined ? undefined : this.keys.get(id);
  }

  findRefreshByDigest(digest: string): RefreshTokenRecord | undefined {
    this.lookups++;
    return this.refreshByDigest.get(digest);
  }

  putKey(key: KeyRecord): void {
    const old = this.keys.get(key.id);
    if (old) for (const digest of digestsOf(old)) this.keyIdByDigest.delete(digest);
    this.keys.set(key.id, key);
    for (const digest of digestsOf(key)) this.keyIdByDigest.set(digest, key.id);
  }

  putUser(user: UserRecord): void {
    this.users.set(user.id, user);
    this.userIdByEmail.set(user.email.toLowerCase(), user.id);
  }

  findUserByEmail(email: string): UserRecord | undefined {
    const id = this.userIdByEmail.get(email.toLowerCase());
    return id === undefined ? undefined : this.users.get(id);
  }

  putAgent(agent: AgentRecord): void {
    this.agents.set(agent.id, agent);
    this.agentIdBySlug.set(`${agent.workspaceId}/${agent.slug}`, agent.id);
  }

  deleteAgent(id: string): void {
    const agent = this.agents.get(id);
    if (!agent) return;
    this.agents.delete(id);
    this.agentIdBySlug.delete(`${agent.workspaceId}/${agent.slug}`);
  }

  findAgentBySlug(workspaceId: string, slug: string): AgentRecord | undefined {
    const id = this.agentIdBySlug.get(`${workspaceId}/${slug}`);
    return id === undefined ? undefined : this.agents.get(id);
  }

  putRefreshToken(token: RefreshTokenRecord): void {
    this.refreshByDigest.set(token.digest, token);
  }

  clear(): void {
    for (const value of Object.values(this)) {
      if (value instanceof Map) value.clear();
    }
    this.lookups = 0;
  }

  /** Plain data for a state file; `serverSecrets` and the clock are the engine's to fill in. */
  snapshot(): Omit<Snapshot, "serverSecrets" | "clockOffsetMs"> {
    return {
      version: 1,
      workspaces: [...this.workspaces.values()],
      users: [...this.users.values()],
      teams: [...this.teams.values()],
      agents: [...this.agents.values()],
      keys: [...this.keys.values()],
      refreshTokens: [...this.refreshByDigest.values()],
      families: [...this.families.values()],
      revokedJtis: [...this.revokedJtis].map(([jti, expiresAt]) => ({ jti, expiresAt })),
      jobs: [...this.jobs.values()],
    };
  }

  restore(snapshot: Snapshot): void {
    this.clear();
    for (const w of snapshot.workspaces) this.workspaces.set(w.id, w);
    for (const u of snapshot.users) this.putUser(u);
    for (const t of snapshot.teams) this.teams.set(t.id, t);
    for (const a of snapshot.agents) this.putAgent(a);
    for (const k of snapshot.keys) this.putKey(k);
    for (const r of snapshot.refreshTokens) this.putRefreshToken(r);
    for (const f of snapshot.families) this.families.set(f.id, f);
    for (const { jti, expiresAt } of snapshot.revokedJtis) this.revokedJtis.set(jti, expiresAt);
    for (const j of snapshot.jobs) this.jobs.set(j.id, j);
  }
}
