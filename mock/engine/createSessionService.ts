import {
  type CryptoKey,
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  SignJWT,
} from "jose";
import { roles, type Scope } from "../../src/generated/security.js";
import { base64url, fromBase64url, fromUtf8, utf8 } from "./base64url.js";
import type { Clock, EngineCrypto, SessionService, TrustedIssuer } from "./EngineContext.js";
import { instantAfter } from "./instants.js";
import { iso } from "./operations/toApi.js";
import type { Store } from "./Store.js";
import type { Schemas, UserRecord } from "./types.js";
import { createTokenVerifier, type SessionClaims } from "./verifySessionToken.js";

export const SANDBOX_ISSUER = "latchkey-sandbox";
const CACHE_LIMIT = 10_000;

export interface SessionServiceOptions {
  /** Where families and refresh tokens are kept. */
  store: Store;
  /** The sandbox clock: it decides `iat`, `exp` and every expiry check. */
  clock: Clock;
  /** Ids, digests and refresh-token minting. */
  crypto: EngineCrypto;
  /** Access token lifetime. */
  sessionTtlMs: number;
  /** Refresh token lifetime. */
  refreshTtlMs: number;
  /** Outside issuers whose JWTs count as sessions. */
  trustedIssuers: readonly TrustedIssuer[];
  /** The signing key from a snapshot (`serverSecrets.jwk`); a new one is generated if absent. */
  savedJwk?: string;
}

export interface SandboxSessions extends SessionService {
  /** Resolves once the ES256 key is loaded or generated. */
  readonly ready: Promise<void>;
  /** Claims of a token verified before and not yet expired on the wall of the cache. */
  cached(digest: string): SessionClaims | undefined;
  /** Verifies a JWT (ours or a trusted issuer's), caches its claims; throws a 401 problem. */
  verify(token: string, digest: string): Promise<SessionClaims>;
  /** The private signing key as base64url JSON, for the snapshot. */
  savedJwk(): string | undefined;
}

/**
 * Sessions: ES256 access tokens signed with jose, one-use refresh tokens in families, the JWKS,
 * and a cache of verified claims keyed by the token's digest. Web Crypto runs only when a token
 * is issued or first seen; every later use is a map lookup.
 */
export function createSessionService(options: SessionServiceOptions): SandboxSessions {
  const { store, clock, crypto } = options;
  const cache = new Map<string, SessionClaims>();
  let saved = options.savedJwk;
  const verifier = createTokenVerifier({ ...options, issuer: SANDBOX_ISSUER });

  // The signing key and its public half, together: whoever awaits them holds both.
  const keys = (async () => {
    let jwk: JWK;
    if (saved !== undefined) {
      jwk = JSON.parse(fromUtf8(fromBase64url(saved))) as JWK;
    } else {
      const pair = await generateKeyPair("ES256", { extractable: true });
      jwk = await exportJWK(pair.privateKey);
      saved = base64url(utf8(JSON.stringify(jwk)));
    }
    const kid = `sbx-${(await calculateJwkThumbprint(jwk)).slice(0, 12)}`;
    const privateKey = (await importJWK(jwk, "ES256")) as CryptoKey;
    const publicJwk = {
      kty: jwk.kty,
      crv: jwk.crv,
      x: jwk.x,
      y: jwk.y,
      kid,
      alg: "ES256",
      use: "sig",
    };
    verifier.setOwnKey(publicJwk);
    return { privateKey, publicJwk };
  })();
  const ready: Promise<void> = keys.then(() => {});

  function remember(digest: string, claims: SessionClaims): void {
    if (cache.size >= CACHE_LIMIT) {
      // A full map has a first key: the oldest, as a Map keeps insertion order.
      cache.delete(cache.keys().next().value as string);
    }
    cache.set(digest, claims);
  }

  return {
    ready,

    async issue(user: UserRecord, familyId?: string): Promise<Schemas["Session"]> {
      const { privateKey, publicJwk } = await keys;
      const now = clock.now();
      // Checked before anything is stored: a session that cannot end within range is refused.
      const refreshExpiresAt = instantAfter(now, options.refreshTtlMs, "", "The session's end");
      const family = familyId ?? crypto.id("fam");
      if (!store.families.has(family)) {
        store.put("families", {
          id: family,
          userId: user.id,
          workspaceId: user.workspaceId,
          revokedAt: null,
        });
      }
      const iat = Math.floor(now / 1000);
      const exp = iat + Math.max(1, Math.round(options.sessionTtlMs / 1000));
      const scopes: readonly Scope[] = roles[user.role];
      const jti = crypto.id("ses");
      const accessToken = await new SignJWT({
        ws: user.workspaceId,
        scope: scopes.join(" "),
        mode: "test",
        fam: family,
      })
        .setProtectedHeader({ alg: "ES256", kid: publicJwk.kid, typ: "JWT" })
        .setIssuer(SANDBOX_ISSUER)
        .setSubject(user.id)
        .setJti(jti)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(privateKey);
      remember(crypto.digest(accessToken), {
        userId: user.id,
        workspaceId: user.workspaceId,
        jti,
        familyId: family,
        expiresAt: exp * 1000,
        scopes,
      });
      const refresh = crypto.mintKey("refresh_token");
      store.putRefreshToken({
        digest: refresh.digest,
        familyId: family,
        userId: user.id,
        workspaceId: user.workspaceId,
        createdAt: now,
        expiresAt: refreshExpiresAt,
        usedAt: null,
      });
      return {
        access_token: accessToken,
        token_type: "Bearer",
        expires_in: exp - iat,
        expires_at: iso(exp * 1000),
        refresh_token: refresh.secret,
        refresh_token_expires_at: iso(refreshExpiresAt),
        scope: scopes.join(" "),
        user_id: user.id,
        workspace_id: user.workspaceId,
      };
    },

    async jwks() {
      const { publicJwk } = await keys;
      return { keys: [publicJwk as Schemas["Jwks"]["keys"][number]] };
    },

    async inspect(token) {
      await ready;
      const digest = crypto.digest(token);
      try {
        // Ours or a trusted issuer's: revoking an outside token holds until its `exp`.
        const claims =
          cache.get(digest) ?? (await verifier.verify(token, { ownOnly: false, digest }));
        return { jti: claims.jti, familyId: claims.familyId, expiresAt: claims.expiresAt };
      } catch {
        return null;
      }
    },

    clearCache() {
      cache.clear();
    },

    cached(digest) {
      return cache.get(digest);
    },

    async verify(token, digest) {
      await ready;
      const claims = await verifier.verify(token, { ownOnly: false, digest });
      remember(digest, claims);
      return claims;
    },

    savedJwk: () => saved,
  };
}
