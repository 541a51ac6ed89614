import type { Change, ChangeBatch, CollectionName, Collections } from "./changes/Change.js";
import { digestsOf } from "./retiredSecrets.js";
import { SharedKeyParts } from "./SharedKeyParts.js";
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

type View<T> = ReadonlyMap<string, Readonly<T>>;

const idOf = (collection: CollectionName, record: object): string => {
  const r = record as {
    id?: string;
    digest?: string;
    jti?: string;
    issuer?: string;
    subject?: string;
  };
  if (collection === "identities") return `${r.issuer}\n${r.subject}`;
  return (
    (collection === "refreshTokens" ? r.digest : collection === "revokedJtis" ? r.jti : r.id) ?? ""
  );
};

/**
 * The sandbox's in-memory state. Credentials are held only as keyed digests: there is no map
 * keyed by a secret, so a heap dump or a snapshot reveals none. Lookups by digest are counted so
 * tests can prove that malformed tokens are refused before any lookup.
 *
 * Every write is a `Change` (changes/Change.ts): the write methods build one, apply it through
 * the same code a replayed change log uses, and hand it to `onChange` for the change log. The maps
 * and their records are read-only to everyone else, so a change cannot bypass the log: an
 * in-place edit such as `key.revokedAt = now` is a type error.
 */
export class Store {
  readonly #maps: { [C in CollectionName]: Map<string, Collections[C]> } = {
    workspaces: new Map(),
    users: new Map(),
    teams: new Map(),
    agents: new Map(),
    keys: new Map(),
    refreshTokens: new Map(),
    families: new Map(),
    revokedJtis: new Map(),
    jobs: new Map(),
    identities: new Map(),
  };
  /** Digest → key id, for current secrets and rotated ones still in their grace period. */
  readonly #keyIdByDigest = new Map<string, string>();
  readonly #userIdByEmail = new Map<string, string>();
  /** `${workspaceId}/${slug}` → agent id. */
  readonly #agentIdBySlug = new Map<string, string>();
  /** Scope lists and owners that many keys hold alike, kept once. */
  readonly #keyParts = new SharedKeyParts();
  /** How many credential lookups by digest have been made. */
  lookups = 0;
  /** Receives every change made through the write methods (not those applied from a log). */
  onChange: ((change: Change) => void) | null = null;

  get workspaces(): View<WorkspaceRecord> {
    return this.#maps.workspaces;
  }
  get users(): View<UserRecord> {
    return this.#maps.users;
  }
  get teams(): View<TeamRecord> {
    return this.#maps.teams;
  }
  get agents(): View<AgentRecord> {
    return this.#maps.agents;
  }
  get keys(): View<KeyRecord> {
    return this.#maps.keys;
  }
  get families(): View<SessionFamilyRecord> {
    return this.#maps.families;
  }
  get jobs(): View<JobRecord> {
    return this.#maps.jobs;
  }
  /** Revoked session access tokens by `jti`, kept until they would have expired anyway. */
  get revokedJtis(): View<Collections["revokedJtis"]> {
    return this.#maps.revokedJtis;
  }
  /** Digest → key id, for current secrets and rotated ones still in their grace period. */
  get keyIdByDigest(): ReadonlyMap<string, string> {
    return this.#keyIdByDigest;
  }

  findKeyByDigest(digest: string): Readonly<KeyRecord> | undefined {
    this.lookups++;
    const id = this.#keyIdByDigest.get(digest);
    return id === undefined ? undefined : this.#maps.keys.get(id);
  }

  findRefreshByDigest(digest: string): Readonly<RefreshTokenRecord> | undefined {
    this.lookups++;
    return this.#maps.refreshTokens.get(digest);
  }

  findUserByEmail(email: string): Readonly<UserRecord> | undefined {
    const id = this.#userIdByEmail.get(email.toLowerCase());
    return id === undefined ? undefined : this.#maps.users.get(id);
  }

  findAgentBySlug(workspaceId: string, slug: string): Readonly<AgentRecord> | undefined {
    const id = this.#agentIdBySlug.get(`${workspaceId}/${slug}`);
    return id === undefined ? undefined : this.#maps.agents.get(id);
  }

  // --- Writes: each one is a change -----------------------------------------------------------

  put<C extends CollectionName>(collection: C, record: Collections[C]): void {
    this.#record({ t: "put", c: collection, r: record } as Change);
  }
  putKey(key: KeyRecord): void {
    this.put("keys", key);
  }
  putUser(user: UserRecord): void {
    this.put("users", user);
  }
  putAgent(agent: AgentRecord): void {
    this.put("agents", agent);
  }

  /** Links an outside identity (a trusted issuer's `iss` and `sub`) to a user. */
  linkIdentity(issuer: string, subject: string, userId: string): void {
    this.put("identities", { issuer, subject, userId });
  }

  /** The user an outside identity is linked to, if any. */
  findLinkedUser(issuer: string, subject: string): Readonly<UserRecord> | undefined {
    const id = this.#maps.identities.get(`${issuer}\n${subject}`)?.userId;
    return id === undefined ? undefined : this.#maps.users.get(id);
  }
  putRefreshToken(token: RefreshTokenRecord): void {
    this.put("refreshTokens", token);
  }
  delete(collection: CollectionName, id: string): void {
    if (this.#maps[collection].has(id)) this.#record({ t: "del", c: collection, id });
  }
  deleteAgent(id: string): void {
    this.delete("agents", id);
  }
  /** A key was used now: `last_used_at`, written behind (see the change log decision). */
  touchKey(id: string, at: Millis): void {
    this.#record({ t: "touch", id, at });
  }
  clear(): void {
    this.#record({ t: "reset" });
  }

  #record(change: Change): void {
    this.onChange?.(change);
    switch (change.t) {
      case "put":
        this.applyPut(change);
        break;
      case "del":
        this.applyDelete(change.c, change.id);
        break;
      case "touch":
        this.applyTouch(change.id, change.at);
        break;
      case "reset":
        this.applyReset();
        break;
    }
  }

  // --- Applying changes (changes/applyChange.ts is the one caller besides #record) -------------

  applyPut(change: Extract<Change, { t: "put" }>): void {
    const id = idOf(change.c, change.r);
    const map = this.#maps[change.c] as Map<string, object>;
    const old = map.get(id) as Record<string, unknown> | undefined;
    let record = change.r as Record<string, unknown>;
    if (old !== undefined) {
      // Monotone fields: once revoked or used, always; last use only moves forward.
      const merged = { ...record };
      if ("revokedAt" in old && old.revokedAt !== null && merged.revokedAt === null)
        merged.revokedAt = old.revokedAt;
      if ("usedAt" in old && old.usedAt !== null && merged.usedAt === null)
        merged.usedAt = old.usedAt;
      if (
        "lastUsedAt" in old &&
        ((old.lastUsedAt as number) ?? 0) > ((merged.lastUsedAt as number) ?? 0)
      )
        merged.lastUsedAt = old.lastUsedAt;
      record = merged;
      this.#unindex(change.c, old);
    }
    if (change.c === "keys") {
      const key = record as unknown as KeyRecord;
      const workspaceId = this.#maps.workspaces.get(key.workspaceId)?.id;
      record = this.#keyParts.share(key, workspaceId) as unknown as Record<string, unknown>;
    }
    map.set(id, record);
    this.#index(change.c, record);
  }

  applyDelete(collection: CollectionName, id: string): void {
    const map = this.#maps[collection] as Map<string, object>;
    const old = map.get(id);
    if (old === undefined) return;
    map.delete(id);
    this.#unindex(collection, old as Record<string, unknown>);
  }

  applyTouch(id: string, at: Millis): void {
    const key = this.#maps.keys.get(id);
    if (key !== undefined && (key.lastUsedAt ?? 0) < at) key.lastUsedAt = at;
  }

  applyReset(): void {
    for (const map of Object.values(this.#maps)) map.clear();
    this.#keyIdByDigest.clear();
    this.#userIdByEmail.clear();
    this.#agentIdBySlug.clear();
    this.#keyParts.clear();
    this.lookups = 0;
  }

  #index(collection: CollectionName, record: Record<string, unknown>): void {
    if (collection === "keys") {
      const key = record as unknown as KeyRecord;
      for (const digest of digestsOf(key)) this.#keyIdByDigest.set(digest, key.id);
    } else if (collection === "users") {
      const user = record as unknown as UserRecord;
      this.#userIdByEmail.set(user.email.toLowerCase(), user.id);
    } else if (collection === "agents") {
      const agent = record as unknown as AgentRecord;
      this.#agentIdBySlug.set(`${agent.workspaceId}/${agent.slug}`, agent.id);
    }
  }

  #unindex(collection: CollectionName, record: Record<string, unknown>): void {
    if (collection === "keys") {
      for (const digest of digestsOf(record as unknown as KeyRecord))
        this.#keyIdByDigest.delete(digest);
    } else if (collection === "users") {
      this.#userIdByEmail.delete((record as unknown as UserRecord).email.toLowerCase());
    } else if (collection === "agents") {
      const agent = record as unknown as AgentRecord;
      this.#agentIdBySlug.delete(`${agent.workspaceId}/${agent.slug}`);
    }
  }

  /** Plain data for a state file; `serverSecrets` and the clock are the engine's to fill in. */
  snapshot(): Omit<Snapshot, "serverSecrets" | "clockOffsetMs"> {
    const m = this.#maps;
    return {
      version: 1,
      workspaces: [...m.workspaces.values()],
      users: [...m.users.values()],
      teams: [...m.teams.values()],
      agents: [...m.agents.values()],
      keys: [...m.keys.values()],
      refreshTokens: [...m.refreshTokens.values()],
      families: [...m.families.values()],
      revokedJtis: [...m.revokedJtis.values()],
      jobs: [...m.jobs.values()],
      identities: [...m.identities.values()],
    };
  }

  /** Replaces the state with a snapshot's; not a change (it is where a log starts). */
  restore(snapshot: Snapshot): void {
    this.applyReset();
    for (const c of Object.keys(this.#maps) as CollectionName[]) {
      for (const r of snapshot[c] ?? [])
        this.applyPut({ t: "put", c, r } as Extract<Change, { t: "put" }>);
    }
  }
}

export type { ChangeBatch };
