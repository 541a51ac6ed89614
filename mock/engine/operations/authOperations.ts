// Sessions: log in, refresh (with reuse detection), revoke, and who-am-I.
import { tokenPrefixes } from "../../../src/generated/security.js";
import type { EngineContext } from "../EngineContext.js";
import { ProblemError } from "../ProblemError.js";
import { secretState } from "../retiredSecrets.js";
import { revokedSignedTokenId } from "../signedTokenGrant.js";
import type { OperationHandlers, RefreshTokenRecord } from "../types.js";
import { invalidToken } from "../wwwAuthenticate.js";
import { principalOf } from "./inWorkspace.js";
import { iso } from "./toApi.js";

type AuthOperationId = "authenticate" | "refreshSession" | "revokeToken" | "whoami";

export function authOperations(ctx: EngineContext): Pick<OperationHandlers, AuthOperationId> {
  /** The record of a token already parsed as a well-formed refresh token. */
  const findRefresh = (token: string): RefreshTokenRecord | undefined => {
    const digest = ctx.crypto.digest(token);
    const record = ctx.store.findRefreshByDigest(digest);
    return record && ctx.crypto.equal(record.digest, digest) ? record : undefined;
  };

  const revokeFamily = (familyId: string) => {
    const family = ctx.store.families.get(familyId);
    if (family && family.revokedAt === null)
      ctx.store.put("families", { ...family, revokedAt: ctx.clock.now() });
    ctx.sessions.clearCache();
  };

  return {
    async authenticate(input) {
      const { email, password } = input.body ?? { email: "", password: "" };
      const user = ctx.store.findUserByEmail(email);
      // An unknown email still costs one password derivation (verifyPassword with no hash), so
      // timing does not tell registered emails apart.
      const valid = ctx.crypto.verifyPassword(password, user?.passwordHash ?? "");
      if (user === undefined || !valid) {
        throw new ProblemError(401, "invalid_credentials", "The email or password is wrong.");
      }
      return { status: 200, body: await ctx.sessions.issue(user) };
    },

    async refreshSession(input) {
      const token = input.body?.refresh_token ?? "";
      const parsed = ctx.crypto.parseKey(token);
      if (!parsed.ok) {
        throw parsed.code === "live_key_in_sandbox"
          ? invalidToken(
              parsed.code,
              "This is a live refresh token; the sandbox accepts test tokens only.",
            )
          : invalidToken(parsed.code, "The refresh token is malformed.");
      }
      if (parsed.kind !== "refresh_token") {
        throw invalidToken("token_malformed", "This is not a refresh token.");
      }
      const record = findRefresh(token);
      if (record === undefined)
        throw invalidToken("token_unknown", "The refresh token is unknown.");
      const now = ctx.clock.now();
      if (record.usedAt !== null) {
        revokeFamily(record.familyId);
        throw invalidToken(
          "refresh_token_reused",
          "The refresh token was already used; the whole session has been revoked.",
        );
      }
      if (record.expiresAt <= now)
        throw invalidToken("token_expired", "The refresh token has expired.");
      if (ctx.store.families.get(record.familyId)?.revokedAt != null) {
        throw invalidToken("token_revoked", "The session has been revoked.");
      }
      const user = ctx.store.users.get(record.userId);
      if (user === undefined)
        throw invalidToken("token_unknown", "The refresh token's user is gone.");
      ctx.store.putRefreshToken({ ...record, usedAt: now });
      return { status: 200, body: await ctx.sessions.issue(user, record.familyId) };
    },

    async revokeToken(input) {
      const token = input.body?.token ?? "";
      if (
        token.startsWith(tokenPrefixes.download_token) ||
        token.startsWith(tokenPrefixes.stream_token)
      ) {
        // Stateless tokens end by remembering their nonce until they would have expired anyway.
        const verified = ctx.crypto.verifySignedToken(token, ctx.clock.now());
        if (verified.ok) {
          ctx.store.put("revokedJtis", {
            jti: revokedSignedTokenId(verified.nonce),
            expiresAt: verified.claims.expiresAt,
          });
        }
      } else if (token.startsWith(tokenPrefixes.session)) {
        const session = await ctx.sessions.inspect(token);
        if (session) {
          ctx.store.put("revokedJtis", { jti: session.jti, expiresAt: session.expiresAt });
          ctx.sessions.clearCache();
        }
      } else {
        const parsed = ctx.crypto.parseKey(token);
        if (parsed.ok && parsed.kind === "refresh_token") {
          const record = findRefresh(token);
          if (record) revokeFamily(record.familyId);
        } else if (parsed.ok) {
          const digest = ctx.crypto.digest(token);
          const key = ctx.store.findKeyByDigest(digest);
          const now = ctx.clock.now();
          // Only a secret that still works may revoke: a retired one is no longer the key's.
          const secret = key && secretState(key, digest, ctx.crypto.equal, now);
          if (key && secret && secret.kind !== "retired" && key.revokedAt === null)
            ctx.store.putKey({ ...key, revokedAt: now });
        }
      }
      // 200 whatever happened (RFC 7009 §2.2): the answer must not reveal whether a token exists.
      return { status: 200, body: { revoked: true } };
    },

    whoami(input) {
      const principal = principalOf(input);
      return {
        status: 200,
        body: {
          principal: { kind: principal.kind, id: principal.id },
          user_id: principal.userId,
          workspace_id: principal.workspaceId,
          agent_id: input.agentId ?? principal.agentId,
          team_id: principal.teamId,
          role: principal.role,
          scopes: [...principal.scopes],
          mode: "test",
          expires_at: principal.expiresAt === null ? null : iso(principal.expiresAt),
        },
      };
    },
  };
}
