import type { CredentialKind } from "../generated/security.js";

/** Where the client's credential comes from. Secrets stay inside the source's closure or fields. */
export interface CredentialSource {
  /** The credential's kind, to match operations' `x-credentials`; undefined when unknown. */
  readonly kind: CredentialKind | undefined;
  /** A safe description for `toJSON` and `inspect` (never the secret). */
  readonly description: string;
  /** The credential to send now. */
  token(): string | Promise<string>;
  /** After a 401 `token_expired` for `rejected`: a new credential to replay with, if there is one. */
  renew?(rejected: string): Promise<string | undefined>;
}
