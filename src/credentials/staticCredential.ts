import type { CredentialSource } from "./CredentialSource.js";
import { classifyToken } from "./classifyToken.js";

/** A fixed key or token. Refused here: credentials that only make sense elsewhere. */
export function staticCredential(token: string): CredentialSource {
  const kind = classifyToken(token);
  if (kind === "refresh_token") {
    throw new TypeError("latchkey: a refresh token is not a credential; pass the session tokens");
  }
  if (kind === "download_token" || kind === "stream_token") {
    throw new TypeError("latchkey: signed tokens go in a URL; use downloadUrl() or streamUrl()");
  }
  return { kind, description: kind ?? "token", token: () => token };
}
