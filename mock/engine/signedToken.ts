import { tokenPatterns, tokenPrefixes } from "../../src/generated/security.js";
import { base64url, fromBase64url, fromUtf8, utf8 } from "./base64url.js";
import type { Random } from "./createRandom.js";
import type { HmacSha256, SignedTokenClaims } from "./EngineContext.js";
import { constantTimeEqual } from "./keyFormat.js";

export type SignedKind = "download_token" | "stream_token";

const shapes: Record<SignedKind, RegExp> = {
  download_token: new RegExp(tokenPatterns.download_token),
  stream_token: new RegExp(tokenPatterns.stream_token),
};
const kindOf = (token: string): SignedKind | null =>
  token.startsWith(tokenPrefixes.download_token)
    ? "download_token"
    : token.startsWith(tokenPrefixes.stream_token)
      ? "stream_token"
      : null;

export type VerifiedSignedToken =
  | { ok: true; kind: SignedKind; claims: SignedTokenClaims; nonce: string }
  | { ok: false; code: "token_malformed" | "live_key_in_sandbox" | "token_expired" };

/**
 * Download and stream tokens: `lk_dlt_<mode>_<payload>.<mac>`, payload the base64url JSON
 * `{r, e, w, n, m}` (resource, expiry in epoch seconds, workspace, nonce, minter), mac the base64url
 * HMAC-SHA-256 of everything before the dot. Stateless: checking one needs no store.
 */
export function createSignedTokens(hmac: HmacSha256, signKey: Uint8Array, random: Random) {
  const mac = (signed: string) => base64url(hmac(signKey, utf8(signed)));

  return {
    mint(kind: SignedKind, claims: SignedTokenClaims): string {
      const payload = {
        r: claims.resource,
        e: Math.floor(claims.expiresAt / 1000),
        w: claims.workspaceId,
        n: random.base62(12),
        m: claims.minter,
      };
      const signed = `${tokenPrefixes[kind]}test_${base64url(utf8(JSON.stringify(payload)))}`;
      return `${signed}.${mac(signed)}`;
    },

    verify(token: string, now: number): VerifiedSignedToken {
      const kind = kindOf(token);
      if (kind === null || !shapes[kind].test(token)) return { ok: false, code: "token_malformed" };
      // After the prefix: `<mode>_<payload>.<mac>`, the pattern has checked each part's alphabet.
      const modeEnd = token.indexOf("_", tokenPrefixes[kind].length);
      if (token.slice(tokenPrefixes[kind].length, modeEnd) === "live") {
        return { ok: false, code: "live_key_in_sandbox" };
      }
      const dot = token.lastIndexOf(".");
      if (!constantTimeEqual(mac(token.slice(0, dot)), token.slice(dot + 1))) {
        return { ok: false, code: "token_malformed" };
      }
      const payload = decodePayload(token.slice(modeEnd + 1, dot));
      if (payload === null) return { ok: false, code: "token_malformed" };
      const expiresAt = payload.e * 1000;
      if (expiresAt <= now) return { ok: false, code: "token_expired" };
      return {
        ok: true,
        kind,
        claims: { resource: payload.r, expiresAt, workspaceId: payload.w, minter: payload.m },
        nonce: payload.n,
      };
    },
  };
}

function decodePayload(
  text: string,
): { r: string; e: number; w: string; n: string; m: string | undefined } | null {
  try {
    const value: unknown = JSON.parse(fromUtf8(fromBase64url(text)));
    if (typeof value !== "object" || value === null) return null;
    const { r, e, w, n, m } = value as Record<string, unknown>;
    if (typeof r !== "string" || typeof w !== "string" || typeof n !== "string") return null;
    if (typeof e !== "number" || !Number.isFinite(e)) return null;
    if (m !== undefined && typeof m !== "string") return null;
    return { r, e, w, n, m };
  } catch {
    return null;
  }
}
