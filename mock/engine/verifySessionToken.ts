import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  errors,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from "jose";
import { scopes as knownScopes, type Scope } from "../../src/generated/security.js";
import type { Clock, EngineCrypto, TrustedIssuer } from "./EngineContext.js";
import { iso } from "./operations/toApi.js";
import type { Store } from "./Store.js";
import type { Millis } from "./types.js";
import { invalidToken } from "./wwwAuthenticate.js";

/** What a verified session JWT says, kept in the claims cache. */
export interface SessionClaims {
  userId: string;
  workspaceId: string;
  /** The token id; for an outside token without `jti`, one derived from it. */
  jti: string;
  /** Our tokens' family, for refresh-reuse revocation; null for outside issuers. */
  familyId: string | null;
  /** Every token accepted carries `exp` (ours by `own`, outside ones by `requiredClaims`). */
  expiresAt: Millis;
  /** The `scope` claim of our tokens; null for outside tokens (the user's role decides). */
  scopes: readonly Scope[] | null;
  /** An outside token's `nbf`, checked on every use (a cached token may be used early). */
  notBefore?: Millis;
}

interface VerifierOptions {
  store: Store;
  clock: Clock;
  /** For outside tokens' ids, which are digests (their `jti` is the issuer's, not ours). */
  crypto: Pick<EngineCrypto, "digest">;
  issuer: string;
  trustedIssuers: readonly TrustedIssuer[];
}

const scopeSet = new Set<string>(knownScopes);

/**
 * Verifies JWTs with jose: ours against the sandbox's ES256 key, outside ones against their
 * issuer's JWKS (inline or fetched). Expiry is judged on the sandbox clock, not the wall clock.
 */
export function createTokenVerifier(options: VerifierOptions) {
  const { store, clock } = options;
  let ownKeys: JWTVerifyGetKey | undefined;
  const outside = new Map<string, { keys: JWTVerifyGetKey; audience?: string }>();
  for (const trusted of options.trustedIssuers) {
    const keys = trusted.jwks
      ? createLocalJWKSet(trusted.jwks as { keys: JWK[] })
      : trusted.jwksUrl
        ? createRemoteJWKSet(new URL(trusted.jwksUrl))
        : undefined;
    if (!keys) throw new Error(`Trusted issuer ${trusted.issuer} needs jwks or jwksUrl.`);
    outside.set(trusted.issuer, { keys, audience: trusted.audience });
  }

  async function check(
    token: string,
    keys: JWTVerifyGetKey,
    issuer: string,
    audience?: string,
    requiredClaims?: string[],
  ) {
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer,
        audience,
        algorithms: ["ES256", "ES384", "RS256", "PS256", "EdDSA"],
        currentDate: new Date(clock.now()),
        requiredClaims,
      });
      if (payload.mode === "live") {
        throw invalidToken(
          "live_key_in_sandbox",
          "This is a live session token; the sandbox accepts test credentials only.",
        );
      }
      return payload;
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        throw invalidToken("token_expired", "The session token has expired; refresh the session.");
      }
      if (error instanceof errors.JWTClaimValidationFailed) {
        throw invalidToken("token_malformed", claimDetail(error.claim, error.reason));
      }
      if (error instanceof errors.JOSEError) {
        throw invalidToken(
          "token_malformed",
          "The session token's signature or claims are invalid.",
        );
      }
      throw error;
    }
  }

  function own(payload: JWTPayload): SessionClaims {
    const { sub, ws, jti, fam, exp, scope } = payload;
    if (
      typeof sub !== "string" ||
      typeof ws !== "string" ||
      typeof jti !== "string" ||
      typeof fam !== "string" ||
      typeof exp !== "number" ||
      typeof scope !== "string"
    ) {
      throw invalidToken("token_malformed", "The session token lacks required claims.");
    }
    const scopes = scope.split(" ").filter((s): s is Scope => scopeSet.has(s));
    return { userId: sub, workspaceId: ws, jti, familyId: fam, expiresAt: exp * 1000, scopes };
  }

  /**
   * An outside token's user: the one its (iss, sub) is linked to, and nothing else. Its id is a
   * digest of the issuer and its `jti` (or of the token): an issuer's `jti` cannot collide with,
   * and so revoke, one of ours.
   */
  function foreign(payload: JWTPayload, issuer: string, digest: string): SessionClaims {
    const { sub, exp, nbf, jti } = payload;
    const user = typeof sub === "string" ? store.findLinkedUser(issuer, sub) : undefined;
    if (!user) {
      throw invalidToken(
        "token_unknown",
        "The token's issuer and subject are not linked to a user of this sandbox (POST /_sandbox/identities links them).",
      );
    }
    const id = options.crypto.digest(`${issuer}\n${typeof jti === "string" ? jti : digest}`);
    return {
      userId: user.id,
      workspaceId: user.workspaceId,
      jti: `ext_${id.slice(0, 24)}`,
      familyId: null,
      // jose checked `exp` is present (requiredClaims) and a number.
      expiresAt: (exp as number) * 1000,
      scopes: null,
      ...(typeof nbf === "number" ? { notBefore: nbf * 1000 } : {}),
    };
  }

  return {
    setOwnKey(jwk: JWK) {
      ownKeys = createLocalJWKSet({ keys: [jwk] });
    },

    async verify(
      token: string,
      how: { ownOnly: boolean; digest?: string },
    ): Promise<SessionClaims> {
      let issuer: unknown;
      try {
        issuer = decodeJwt(token).iss;
      } catch {
        throw invalidToken("token_malformed", "The token is not a well-formed JWT.");
      }
      if (issuer === options.issuer && ownKeys) {
        return own(await check(token, ownKeys, options.issuer));
      }
      const trusted = how.ownOnly || typeof issuer !== "string" ? undefined : outside.get(issuer);
      if (!trusted) {
        // Forged as far as this sandbox can tell (alg "none" with any iss lands here too): the
        // spec's table calls a forged credential malformed.
        throw invalidToken("token_malformed", "The token's issuer is not one this sandbox trusts.");
      }
      const payload = await check(token, trusted.keys, issuer as string, trusted.audience, [
        "exp",
        "sub",
      ]);
      return foreign(payload, issuer as string, how.digest ?? options.crypto.digest(token));
    },
  };
}

/** What was wrong with a claim, in a sentence a person can act on. */
function claimDetail(claim: string, reason: string): string {
  if (reason === "missing") {
    return claim === "exp"
      ? "The token has no exp claim; the sandbox accepts only tokens that expire."
      : `The token has no ${claim} claim.`;
  }
  if (claim === "nbf")
    return "The token is not valid yet (its nbf is later than the sandbox clock).";
  if (claim === "aud")
    return "The token is for another audience (its aud is not the one configured).";
  return `The token's ${claim} claim is invalid.`;
}

/** Refuses an outside token used before its `nbf` (checked on each use, cached or not). */
export function notYetValid(claims: SessionClaims, now: Millis): string | null {
  if (claims.notBefore === undefined || claims.notBefore <= now) return null;
  return `The token is not valid before ${iso(claims.notBefore)}.`;
}
