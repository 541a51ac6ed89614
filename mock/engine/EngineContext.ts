// The services an engine is made of, as interfaces, so the request path (pipeline and auth) and
// the operation implementations can be built and tested apart. `createEngine` wires them.
import type { ChangeLog } from "./changes/Change.js";
import type { FaultRules } from "./faults/FaultRules.js";
import type { RequestJournal } from "./journal/createRequestJournal.js";
import type { Store } from "./Store.js";
import type { VerifiedSignedToken } from "./signedToken.js";
import type { KeyKind, Millis, Schemas, Snapshot, UserRecord } from "./types.js";

/** A synchronous HMAC-SHA-256. The default is pure JS; the Node entry injects node:crypto. */
export type HmacSha256 = (key: Uint8Array, message: Uint8Array) => Uint8Array;

export interface TrustedIssuer {
  /** The `iss` value tokens must carry. */
  issuer: string;
  /** Where to fetch the issuer's JWKS (a loopback URL in tests). */
  jwksUrl?: string;
  /** Or the key set itself. */
  jwks?: { keys: JsonWebKey[] };
  /** The `aud` value tokens must carry, if any. */
  audience?: string;
}

/** What the adapter knows about the peer, beyond the request itself. */
export interface ClientInfo {
  /** The client's IP address as the adapter saw it; absent in-process (no peer). */
  address?: string | undefined;
}

export interface LogEntry {
  requestId: string;
  method: string;
  /** Path with any `token` query value redacted. */
  path: string;
  status: number;
  ms: number;
  /** The credential kind and key id, never the secret. */
  principal?: string;
  code?: string;
  /** For a refused request: the check that refused it (`scope`, `authenticate`, …). */
  check?: string;
}

export interface SandboxOptions {
  /** Makes ids and secrets reproducible across runs (for docs and demos; never for real secrets). */
  seed?: number | string;
  /** Session access token lifetime, such as "15m" (default) or seconds. */
  sessionTtl?: string | number;
  /** Refresh token lifetime, default "30d". */
  refreshTtl?: string | number;
  /**
   * Per-principal rate limit (a user across all its tokens and keys), off unless given. With it,
   * failed authentication per client address and sign-ins per account are limited too (each
   * `limit` per `window` unless `failedAuth` / `signIns` say otherwise).
   */
  rateLimit?: { limit: number; window?: string; failedAuth?: number; signIns?: number } | false;
  /** Validate every response against the spec; a mismatch becomes a 500 naming it. */
  strict?: boolean;
  /** Outside issuers whose JWTs are accepted as sessions (as a platform trusts Clerk's). */
  trustedIssuers?: TrustedIssuer[];
  /** A faster HMAC for the hot path; defaults to @noble/hashes. */
  hmac?: HmacSha256;
  /** State to start from, as written by `snapshot()`. */
  state?: Snapshot;
  /**
   * Where every change goes (a change log, a shared stream) and, for replicas, where others'
   * changes come from. Without one the state lives in memory only.
   */
  changeLog?: ChangeLog;
  /** Called after every change, before the response is sent, with the whole state (costly). */
  onPersist?: (snapshot: Snapshot) => void | Promise<void>;
  /** One entry per request; secrets are already redacted. */
  logger?: (entry: LogEntry) => void;
  /**
   * How many answers the request journal keeps (`/_sandbox/requests`, the vitest assertions),
   * default 10,000; `0` or `false` turns it off. Memory only, never in a state file.
   */
  journal?: number | boolean;
  /** Delay between server-sent events of a job, in ms (default 10). */
  streamIntervalMs?: number;
  /** Real time source, default Date.now; the sandbox clock is this plus its offset. */
  now?: () => Millis;
}

export interface Clock {
  now(): Millis;
  readonly offsetMs: number;
  advance(ms: number): void;
  set(at: Millis): void;
  reset(): void;
}

export interface MintedKey {
  /** The full secret: returned to the caller once, never stored. */
  secret: string;
  digest: string;
  start: string;
}

export interface SignedTokenClaims {
  /** Bound resource: `agentId/filename` for downloads, the job id for streams. */
  resource: string;
  expiresAt: Millis;
  /** The workspace the token acts in (payload `w`), so using it needs no lookup. */
  workspaceId: string;
  /** The credential that minted it (payload `m`, see signedTokenGrant); absent in older tokens. */
  minter?: string;
}

export interface EngineCrypto {
  /** Keyed digest (HMAC-SHA-256 with the pepper, hex) of a secret. */
  digest(secret: string): string;
  /** Constant-time comparison of two digests. */
  equal(a: string, b: string): boolean;
  mintKey(kind: KeyKind | "refresh_token"): MintedKey;
  /**
   * Checks an opaque key's prefix, length, alphabet, mode and MAC tag without any store lookup.
   * `live_key_in_sandbox` for a well-formed live key; `token_malformed` for anything else wrong.
   */
  parseKey(
    secret: string,
  ):
    | { ok: true; kind: KeyKind | "refresh_token"; mode: "test" }
    | { ok: false; code: "token_malformed" | "live_key_in_sandbox" };
  mintSignedToken(kind: "download_token" | "stream_token", claims: SignedTokenClaims): string;
  /** Checks a download or stream token's shape, mode, MAC and expiry; no store involved. */
  verifySignedToken(token: string, now: number): VerifiedSignedToken;
  /** A fresh id such as `agt_…` with 16 alphanumerics. */
  id(prefix: string): string;
  hashPassword(password: string): string;
  verifyPassword(password: string, hash: string): boolean;
}

export interface SessionService {
  /** A new access token and refresh token for the user; starts a family unless one is given. */
  issue(user: UserRecord, familyId?: string): Promise<Schemas["Session"]>;
  jwks(): Promise<Schemas["Jwks"]>;
  /**
   * The verified claims of an access token, ours or a trusted issuer's (for revocation), or null
   * if it is neither. `familyId` is null for outside tokens.
   */
  inspect(
    token: string,
  ): Promise<{ jti: string; familyId: string | null; expiresAt: Millis } | null>;
  /** Forget cached verifications (after a revocation or reset). */
  clearCache(): void;
}

export interface EngineContext {
  store: Store;
  clock: Clock;
  crypto: EngineCrypto;
  sessions: SessionService;
  /** Fault rules (`/_sandbox/faults`): failures on cue, per workspace. */
  faults: FaultRules;
  /** The request journal (`/_sandbox/requests`), or null when it is off. */
  journal: RequestJournal | null;
  options: SandboxOptions;
  /** Session TTL and other durations resolved to ms. */
  sessionTtlMs: number;
  refreshTtlMs: number;
  /** Writes state through `options.onPersist`, if any; call after each change. */
  persist(): Promise<void>;
}
