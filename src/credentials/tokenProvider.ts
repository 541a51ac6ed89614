import type { CredentialSource } from "./CredentialSource.js";

/** A token from the caller's own provider (say an identity provider's JWT), asked per request. */
export function tokenProvider(getToken: () => string | Promise<string>): CredentialSource {
  return {
    // Whatever the provider returns is sent on every secured operation; the API decides.
    kind: undefined,
    description: "getToken",
    token: getToken,
    async renew(rejected) {
      const fresh = await getToken();
      return fresh === rejected ? undefined : fresh;
    },
  };
}
