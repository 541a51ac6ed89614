// Credential kinds as a person reads them in a problem's detail: "an agent key", not `agent_key`.
// Typed by the spec's kinds, so a kind added to `x-credential-kinds` without a name fails the
// type check instead of reaching a user as an identifier.
import type { CredentialKind } from "../../src/generated/security.js";

export const credentialNames: Record<CredentialKind, string> = {
  session: "a session token",
  refresh_token: "a refresh token",
  user_key: "a user key",
  workspace_key: "a workspace key",
  team_key: "a team key",
  agent_key: "an agent key",
  download_token: "a download token",
  stream_token: "a stream token",
};

/** "a user key", "a user key or a team key", "a session token, a user key or a team key". */
export function namesOf(kinds: readonly CredentialKind[]): string {
  const names = kinds.map((kind) => credentialNames[kind]);
  if (names.length <= 1) return names[0] ?? "no credential";
  return `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
}

/** The detail of 403 credential_kind_not_allowed: what to send instead, and what was sent. */
export function wrongKindDetail(accepted: readonly CredentialKind[], sent: CredentialKind): string {
  return `Call this operation with ${namesOf(accepted)}; ${credentialNames[sent]} cannot call it.`;
}
