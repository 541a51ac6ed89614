import { type CredentialKind, credentialKinds, tokenPatterns } from "../generated/security.js";

const patterns = credentialKinds.map((kind) => [kind, new RegExp(tokenPatterns[kind])] as const);

/** The kind of a credential, read from its text as the API does; undefined for an unknown shape. */
export function classifyToken(token: string): CredentialKind | undefined {
  return patterns.find(([, pattern]) => pattern.test(token))?.[0];
}
