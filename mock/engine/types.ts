// The shapes every part of the sandbox engine agrees on: stored records, the authenticated
// principal, and the context an operation implementation receives. API shapes themselves come
// from the generated types; nothing here redeclares them.
import type { components, operations } from "../../src/generated/schema.js";
import type {
  CredentialKind,
  OperationId,
  SchemeName,
  Scope,
} from "../../src/generated/security.js";
import type { AnswerBody } from "./EngineAnswer.js";
import type { EngineRequest } from "./EngineRequest.js";

export type Schemas = components["schemas"];
export type Role = Schemas["Role"];
export type KeyKind = Schemas["KeyKind"];
export type ErrorCode = Schemas["ErrorCode"];

/** Milliseconds since the epoch on the sandbox clock. */
export type Millis = number;

export interface WorkspaceRecord {
  id: string;
  name: string;
  createdAt: Millis;
}

export interface UserRecord {
  id: string;
  workspaceId: string;
  email: string;
  role: Role;
  /** A password hash (salted, slow); never the password. */
  passwordHash: string;
}

export interface TeamRecord {
  id: string;
  workspaceId: string;
  name: string;
  memberIds: string[];
}

export interface AgentRecord {
  id: string;
  workspaceId: string;
  name: string;
  slug: string;
  createdAt: Millis;
}

export interface KeyRecord {
  id: string;
  kind: KeyKind;
  name: string;
  /** Prefix plus the first four body characters: enough to recognise, useless to an attacker. */
  start: string;
  /** Keyed digest (HMAC-SHA-256 with the server pepper, hex) of the current secret. */
  digest: string;
  scopes: Scope[];
  workspaceId: string;
  owner: { type: "user" | "workspace" | "team" | "agent"; id: string };
  /** The user a user key acts as; null for other kinds. */
  userId: string | null;
  createdAt: Millis;
  expiresAt: Millis | null;
  lastUsedAt: Millis | null;
  revokedAt: Millis | null;
  /** After a rotation with a grace period: the old secret's digest and when it stops working. */
  previous: { digest: string; expiresAt: Millis } | null;
  /** Secrets retired by rotation, newest first (absent in states from before they were kept). */
  retired?: RetiredSecret[];
}

export interface RetiredSecret {
  /** Keyed digest of the retired secret. */
  digest: string;
  /** When the rotation retired it; null if not known (a state written before this was kept). */
  rotatedAt: Millis | null;
  /** When its grace period ends; null when it stopped working at the rotation. */
  graceEndsAt: Millis | null;
}

export interface RefreshTokenRecord {
  /** Keyed digest of the refresh token; the store's lookup key. */
  digest: string;
  familyId: string;
  userId: string;
  workspaceId: string;
  createdAt: Millis;
  expiresAt: Millis;
  /** Set when the token was exchanged; presenting it again is reuse. */
  usedAt: Millis | null;
}

export interface SessionFamilyRecord {
  id: string;
  userId: string;
  workspaceId: string;
  revokedAt: Millis | null;
}

export interface JobRecord {
  id: string;
  workspaceId: string;
  agentId: string;
  prompt: string;
  steps: number;
  status: "queued" | "running" | "succeeded" | "failed";
  progress: number;
  createdAt: Millis;
}

/** Everything the sandbox remembers; plain data so it can be written to a state file as is. */
export interface Snapshot {
  version: 1;
  /** Server secret material (base64url): MAC keys, pepper, JWT signing key. Not a credential. */
  serverSecrets: Record<string, string>;
  clockOffsetMs: number;
  workspaces: WorkspaceRecord[];
  users: UserRecord[];
  teams: TeamRecord[];
  agents: AgentRecord[];
  keys: KeyRecord[];
  refreshTokens: RefreshTokenRecord[];
  families: SessionFamilyRecord[];
  /** Revoked session access tokens by `jti`, kept until they would have expired anyway. */
  revokedJtis: { jti: string; expiresAt: Millis }[];
  jobs: JobRecord[];
  /** Outside identities linked to users (absent in files from before links were kept). */
  identities?: { issuer: string; subject: string; userId: string }[];
  /** Idempotency-Key answers still replayable (absent in files from before they were kept). */
  replays?: SavedReplay[];
}

/** A completed idempotent answer: indexed by a keyed digest, its body sealed (see the store). */
export interface SavedReplay {
  index: string;
  fingerprint: string;
  expiresAt: Millis;
  status: number;
  contentType: string;
  /** base64url of the sealed body. */
  sealed: string;
}

/** Who is calling, after authentication. */
export interface Principal {
  kind: Exclude<CredentialKind, "refresh_token">;
  /** Key id for keys, `jti` for sessions, token nonce for signed tokens. */
  id: string;
  /** The scheme the credential arrived through. */
  scheme: SchemeName;
  workspaceId: string;
  userId: string | null;
  /** The agent an agent key belongs to; null for other kinds (agent context is resolved later). */
  agentId: string | null;
  teamId: string | null;
  role: Role | null;
  scopes: readonly Scope[];
  expiresAt: Millis | null;
  /** What a signed token is bound to. */
  resource: { agentId: string; filename: string } | { jobId: string } | null;
  /** A session's family (its signed tokens end with it); absent or null for anything else. */
  familyId?: string | null;
}

type Ops = operations;
type ParamsOf<K extends OperationId, W extends string> = Ops[K] extends {
  parameters: infer P;
}
  ? W extends keyof P
    ? NonNullable<P[W]>
    : never
  : never;
type JsonBodyOf<K extends OperationId> = Ops[K] extends {
  requestBody?: { content: { "application/json": infer B } };
}
  ? B | undefined
  : undefined;
type ResponsesOf<K extends OperationId> = Ops[K] extends { responses: infer R } ? R : never;
type JsonOf<R> = R extends { content: { "application/json": infer B } } ? B : never;
/** The JSON bodies an operation may answer with on success. */
export type SuccessBody<K extends OperationId> = {
  [S in keyof ResponsesOf<K>]: S extends 200 | 201 | 202 ? JsonOf<ResponsesOf<K>[S]> : never;
}[keyof ResponsesOf<K>];

export interface OperationInput<K extends OperationId> {
  operationId: K;
  request: EngineRequest;
  requestId: string;
  path: ParamsOf<K, "path">;
  query: ParamsOf<K, "query">;
  /** Validated body; undefined when the operation takes none or none was sent. */
  body: JsonBodyOf<K>;
  /** Null only for public operations. */
  principal: Principal | null;
  /** The agent the request acts as, for operations with an agent context; else null. */
  agentId: string | null;
}

/** What an implementation returns: a typed JSON answer, or a raw body (a stream, file bytes). */
export type OperationResult<K extends OperationId> =
  | { status: number; body: SuccessBody<K>; headers?: Record<string, string> }
  | { status: number; raw: AnswerBody; headers: Record<string, string> };

export type OperationHandler<K extends OperationId> = (
  input: OperationInput<K>,
) => OperationResult<K> | Promise<OperationResult<K>>;

/** One implementation per spec operation: a missing one is a type error. */
export type OperationHandlers = { [K in OperationId]: OperationHandler<K> };
