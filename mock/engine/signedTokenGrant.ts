// A signed token (download, stream) lasts no longer than the grant behind it: it names the
// credential that minted it, and ends when that credential is revoked (or expires), or when the
// token itself is revoked at /v1/auth/revoke. Checking costs one or two map lookups, no crypto.
import type { Store } from "./Store.js";
import type { Millis, Principal } from "./types.js";

/** The `revokedJtis` entry of a revoked signed token, by its nonce. */
export const revokedSignedTokenId = (nonce: string) => `sig_${nonce}`;

/** What a signed token records about the credential that minted it. */
export function minterOf(principal: Principal): string {
  if (principal.kind === "session") return `s:${principal.id}:${principal.familyId ?? ""}`;
  return `k:${principal.id}`;
}

/**
 * Why a signed token no longer holds, or null while it does. `minter` is undefined for tokens
 * minted before minters were recorded (they still end at their own expiry, at most an hour).
 */
export function grantEnded(
  store: Store,
  minter: string | undefined,
  nonce: string,
  now: Millis,
): string | null {
  if (store.revokedJtis.has(revokedSignedTokenId(nonce)))
    return "The signed link has been revoked.";
  if (minter === undefined) return null;
  const ended = "The credential that minted this signed link has been revoked";
  if (minter.startsWith("k:")) {
    const key = store.keys.get(minter.slice(2));
    if (key === undefined || key.revokedAt !== null) return `${ended}.`;
    if (key.expiresAt !== null && key.expiresAt <= now)
      return "The key that minted it has expired.";
    return null;
  }
  const [, jti = "", familyId = ""] = minter.split(":");
  if (store.revokedJtis.has(jti)) return `${ended}.`;
  if (familyId !== "" && store.families.get(familyId)?.revokedAt != null) return `${ended}.`;
  return null;
}
