import type { RouteOperation } from "../generated/routes.js";
import { schemes } from "../generated/security.js";
import type { CredentialSource } from "./CredentialSource.js";

/** The header schemes a client may prefer. */
export type HeaderScheme = "bearerAuth" | "apiKeyHeader" | "apiKeyAltHeader";

/** What the client holds, and the header the user prefers. */
export interface CredentialConfig {
  readonly source: CredentialSource | undefined;
  readonly agentKeys: ReadonlyMap<string, string> | undefined;
  readonly scheme: HeaderScheme;
}

/** The credential chosen for one call: where it goes, and either an agent key or the source. */
export interface CredentialChoice {
  readonly header: string;
  readonly bearer: boolean;
  readonly agentKey?: string;
  readonly source?: CredentialSource;
}

/**
 * What an operation gets, from its spec entry: nothing if it is public; else the agent key of the
 * call's `agentSlug` if there is one, else the client's credential if the operation's
 * `x-credentials` accept its kind; in the preferred header if the operation's `security` lists
 * it, else `Authorization`. An operation the spec does not know (`undefined`) gets the credential.
 */
export function chooseCredential(
  config: CredentialConfig,
  operation: RouteOperation | undefined,
  agentSlug: string | undefined,
): CredentialChoice | undefined {
  if (operation?.public) return undefined;
  const scheme =
    operation === undefined || operation.schemes.includes(config.scheme)
      ? config.scheme
      : "bearerAuth";
  const header = schemes[scheme].name;
  const bearer = scheme === "bearerAuth";
  const agentKey = agentSlug === undefined ? undefined : config.agentKeys?.get(agentSlug);
  if (agentKey !== undefined) return { header, bearer, agentKey };
  const { source } = config;
  if (
    source &&
    (operation === undefined ||
      source.kind === undefined ||
      operation.credentials.includes(source.kind))
  ) {
    return { header, bearer, source };
  }
  // Nothing the client holds fits this operation: send nothing and let the API say so.
  return undefined;
}
