// The request target as the sandbox shows it (log lines, the request journal): secret query
// values and credential-shaped path parts redacted.
import { secretQueryParameters } from "../../src/generated/security.js";
import type { EngineRequest } from "./EngineRequest.js";
import { redactSecrets } from "./redactSecrets.js";

/** The path and query of `request`, with every secret in either replaced by `[redacted]`. */
export function redactTarget(request: Pick<EngineRequest, "path" | "query">): string {
  // A logger of the user's sees this path: a credential in a path segment is removed here too.
  if (request.query === "") return redactSecrets(request.path);
  const search = new URLSearchParams(request.query);
  for (const name of secretQueryParameters) {
    if (search.has(name)) search.set(name, "[redacted]");
  }
  return redactSecrets(`${request.path}?${search.toString()}`);
}
