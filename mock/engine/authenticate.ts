import { roles, type Scope, tokenPatterns, tokenPrefixes } from "../../src/generated/security.js";
import type { SandboxCrypto } from "./createCrypto.js";
import type { SandboxSessions } from "./createSessionService.js";
import type { Clock } from "./EngineContext.js";
import type { Credential } from "./extractCredential.js";
import { iso } from "./operations/toApi.js";
import { ProblemError } from "./ProblemError.js";
import { secretState } from "./retiredSecrets.js";
import type { Store } from "./Store.js";
import { grantEnded } from "./signedTokenGrant.js";
import type { KeyRecord, Principal, RetiredSecret } from "./types.js";
import { notYetValid, type SessionClaims } from "./verifySessionToken.js";
import { invalidToken } from "./wwwAuthenticate.js";

export interface AuthServices {
  store: Store;
  clock: Clock;
  crypto: SandboxCrypto;
  sessions: SandboxSessions;
}

const JWT_SHAPE = new RegExp(tokenPatterns.session);
const AGENT_KEY_SCOPES: readonly Scope[] = ["agents:invoke"];
const NO_SCOPES: readonly Scope[] = [];

const descriptions = {
  token_malformed: "The credential is malformed: check that it was copied whole.",
  live_key_in_sandbox: "This is a live credential; the sandbox accepts test credentials only.",
  token_unknown: "The key is not known to this sandbox.",
  token_revoked: "The key has been revoked.",
  token_expired: "The credential has expired.",
} as const;

function fail(code: keyof typeof descriptions, detail: string = descriptions[code]): never {
  throw invalidToken(code, detail);
}

/**
 * Who is calling. The credential is classified by its text first (JWT, signed token, opaque
 * key), and anything malformed, forged or live is refused before the store is consulted.
 * Opaque keys then cost one digest and one map lookup; a session JWT seen before, one digest
 * and a cache hit. Only a JWT seen for the first time awaits a signature check.
 */
export function authenticate(
  credential: Credential,
  services: AuthServices,
): Principal | Promise<Principal> {
  const { value, scheme } = credential;
  if (value.startsWith(tokenPrefixes.session)) {
    if (!JWT_SHAPE.test(value)) fail("token_malformed");
    const digest = services.crypto.digest(value);
    const cached = services.sessions.cached(digest);
    if (cached) return sessionPrincipal(cached, credential, services);
    return services.sessions
      .verify(value, digest)
      .then((claims) => sessionPrincipal(claims, credential, services));
  }
  if (
    value.startsWith(tokenPrefixes.download_token) ||
    value.startsWith(tokenPrefixes.stream_token)
  ) {
    const verified = services.crypto.verifySignedToken(value, services.clock.now());
    if (!verified.ok) {
      fail(
        verified.code,
        verified.code === "token_expired"
          ? "The signed link has expired; mint a new one."
          : undefined,
      );
    }
    const { kind, claims, nonce } = verified;
    const ended = grantEnded(services.store, claims.minter, nonce, services.clock.now());
    if (ended !== null) fail("token_revoked", ended);
    const slash = claims.resource.indexOf("/");
    return {
      kind,
      id: nonce,
      scheme,
      workspaceId: claims.workspaceId,
      userId: null,
      agentId: null,
      teamId: null,
      role: null,
      scopes: kind === "download_token" ? ["downloads:read"] : ["jobs:read"],
      expiresAt: claims.expiresAt,
      resource:
        kind === "download_token"
          ? { agentId: claims.resource.slice(0, slash), filename: claims.resource.slice(slash + 1) }
          : { jobId: claims.resource },
    };
  }
  return keyPrincipal(credential, services);
}

function keyPrincipal({ value, scheme }: Credential, services: AuthServices): Principal {
  const { store, crypto, clock } = services;
  const parsed = crypto.parseKeyWithDigest(value);
  if (!parsed.ok) return fail(parsed.code);
  const digest = parsed.digest;
  const now = clock.now();
  if (parsed.kind === "refresh_token") {
    if (!store.findRefreshByDigest(digest))
      fail("token_unknown", "The refresh token is not known to this sandbox.");
    throw new ProblemError(
      403,
      "credential_kind_not_allowed",
      "A refresh token only works at POST /v1/auth/refresh; send the access token here.",
    );
  }
  const key = store.findKeyByDigest(digest);
  if (!key || key.kind !== parsed.kind) return fail("token_unknown");
  const secret = secretState(key, digest, crypto.equal, now);
  if (secret === null) return fail("token_unknown");
  if (key.revokedAt !== null)
    fail("token_revoked", `The key was revoked at ${iso(key.revokedAt)}.`);
  if (secret.kind === "retired") fail("token_revoked", retiredDetail(secret.retired));
  if (key.expiresAt !== null && key.expiresAt <= now) {
    fail("token_expired", `The key expired at ${new Date(key.expiresAt).toISOString()}.`);
  }
  store.touchKey(key.id, now);
  return {
    kind: key.kind,
    id: key.id,
    scheme,
    workspaceId: key.workspaceId,
    ...ownerFields(key, store),
    expiresAt: key.expiresAt,
    resource: null,
  };
}

function retiredDetail({ rotatedAt, graceEndsAt }: RetiredSecret): string {
  const when = rotatedAt === null ? "" : ` at ${iso(rotatedAt)}`;
  const grace = graceEndsAt === null ? "" : `; its grace period ended at ${iso(graceEndsAt)}`;
  return `This secret was retired when the key was rotated${when}${grace}: use the key's new secret.`;
}

/**
 * The scopes of `scopes` that `allowed` has, in `scopes`' order: `scopes` itself when it has
 * them all (the usual case), so a request holds the key's own list rather than a copy made for
 * it, which the journal would keep alive as long as the request's entry.
 */
function narrowed(scopes: readonly Scope[], allowed: readonly string[]): readonly Scope[] {
  for (const scope of scopes) {
    if (!allowed.includes(scope)) return scopes.filter((s) => allowed.includes(s));
  }
  return scopes;
}

function ownerFields(key: KeyRecord, store: Store) {
  switch (key.kind) {
    case "user_key": {
      const user = key.userId === null ? undefined : store.users.get(key.userId);
      if (!user) return fail("token_revoked", "The user this key acts as no longer exists.");
      const allowed: readonly Scope[] = roles[user.role];
      return {
        userId: user.id,
        agentId: null,
        teamId: null,
        role: user.role,
        // A key never outgrows its user: a demotion takes effect on the key's next request.
        scopes: narrowed(key.scopes, allowed),
      };
    }
    case "workspace_key":
      return { userId: null, agentId: null, teamId: null, role: null, scopes: key.scopes };
    case "team_key":
      return { userId: null, agentId: null, teamId: key.owner.id, role: null, scopes: NO_SCOPES };
    case "agent_key":
      if (!store.agents.has(key.owner.id)) fail("token_revoked", "The key's agent was deleted.");
      return {
        userId: null,
        agentId: key.owner.id,
        teamId: null,
        role: null,
        scopes: AGENT_KEY_SCOPES,
      };
  }
}

function sessionPrincipal(
  claims: SessionClaims,
  { scheme }: Credential,
  { store, clock }: AuthServices,
): Principal {
  if (claims.expiresAt <= clock.now()) {
    fail("token_expired", "The session token has expired; refresh the session.");
  }
  const early = notYetValid(claims, clock.now());
  if (early !== null) fail("token_malformed", early);
  if (claims.familyId !== null) {
    const family = store.families.get(claims.familyId);
    if (!family) fail("token_unknown", "The session is not known to this sandbox.");
    if (family.revokedAt !== null) fail("token_revoked", "The session has been revoked.");
  }
  if (store.revokedJtis.has(claims.jti))
    fail("token_revoked", "The session token has been revoked.");
  const user = store.users.get(claims.userId);
  if (!user || user.workspaceId !== claims.workspaceId) {
    fail("token_unknown", "The session's user is not known to this sandbox.");
  }
  const roleScopes: readonly Scope[] = roles[user.role];
  return {
    kind: "session",
    id: claims.jti,
    scheme,
    workspaceId: user.workspaceId,
    userId: user.id,
    agentId: null,
    teamId: null,
    role: user.role,
    scopes: claims.scopes ? narrowed(roleScopes, claims.scopes) : roleScopes,
    expiresAt: claims.expiresAt,
    resource: null,
    familyId: claims.familyId,
  };
}
