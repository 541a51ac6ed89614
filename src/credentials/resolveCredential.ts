import type { Credentials } from "../ClientOptions.js";
import type { CredentialSource } from "./CredentialSource.js";
import { type SessionDeps, SessionManager } from "./SessionManager.js";
import { staticCredential } from "./staticCredential.js";
import { tokenProvider } from "./tokenProvider.js";

/** The credential source for the `credentials` option; undefined when there are none. */
export function resolveCredential(
  credentials: Credentials | undefined,
  deps: SessionDeps,
): CredentialSource | undefined {
  if (credentials === undefined) return undefined;
  if (typeof credentials === "string") {
    if (!credentials) throw new TypeError("latchkey: credentials is an empty string");
    return staticCredential(credentials);
  }
  if ("getToken" in credentials) return tokenProvider(credentials.getToken);
  if ("email" in credentials || "refreshToken" in credentials) {
    return new SessionManager(credentials, deps);
  }
  throw new TypeError(
    "latchkey: credentials must be a key, { getToken }, { email, password } or session tokens",
  );
}
