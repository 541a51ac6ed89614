// Every change to the sandbox's state is one of these small records. The in-memory store applies
// them (applyChange), `--state` appends them to a change log, `--store redis://` to a shared stream,
// and a snapshot is nothing but their fold. Records are plain JSON, versioned by `v`, so a change log
// written today loads tomorrow. See docs/decisions/change-log.md.
import type {
  AgentRecord,
  JobRecord,
  KeyRecord,
  Millis,
  RefreshTokenRecord,
  SavedReplay,
  SessionFamilyRecord,
  TeamRecord,
  UserRecord,
  WorkspaceRecord,
} from "../types.js";

/** The record types a collection holds; each is keyed by `id` (refresh tokens by `digest`). */
export interface Collections {
  workspaces: WorkspaceRecord;
  users: UserRecord;
  teams: TeamRecord;
  agents: AgentRecord;
  keys: KeyRecord;
  refreshTokens: RefreshTokenRecord;
  families: SessionFamilyRecord;
  revokedJtis: { jti: string; expiresAt: Millis };
  jobs: JobRecord;
  /** An outside issuer's (`iss`, `sub`) linked to a user; keyed by the pair. */
  identities: { issuer: string; subject: string; userId: string };
}

export type CollectionName = keyof Collections;

/** The version of the record format; a loader refuses a record of a version it does not know. */
export const CHANGE_VERSION = 1;

export type Change =
  | { [C in CollectionName]: { t: "put"; c: C; r: Collections[C] } }[CollectionName]
  | { t: "del"; c: CollectionName; id: string }
  /** A key was used: written behind, merged as the latest time seen. */
  | { t: "touch"; id: string; at: Millis }
  | { t: "clock"; offsetMs: number }
  /** An Idempotency-Key answer kept for replays (indexed by digest, its body sealed). */
  | { t: "replay"; r: SavedReplay }
  | { t: "reset" };

/** The changes one request made, in order: appended, shipped and applied as one unit. */
export type ChangeBatch = readonly Change[];

/** Where an engine sends its changes, and (for replicas) where it learns of others'. */
export interface ChangeLog {
  /**
   * Makes a request's changes durable (a change log line fsynced, a stream entry acknowledged);
   * the engine answers only after it settles. A rejection becomes 503 `store_unavailable`.
   */
  append(batch: ChangeBatch): void | Promise<void>;
  /**
   * Hands `apply` every batch other replicas appended before this call, each exactly once and
   * in log order, and resolves when they are applied: the engine calls it before each request.
   * Concurrent calls may share one read of the log, as long as it was sent after they were made.
   */
  catchUp?(apply: (batch: ChangeBatch) => void): Promise<void>;
}
