import type { CompiledOperation } from "./compileOperations.js";
import { wrongKindDetail } from "./credentialNames.js";
import { ProblemError } from "./ProblemError.js";
import type { Principal } from "./types.js";
import { insufficientScope } from "./wwwAuthenticate.js";

/**
 * What a valid credential may do here, in this order: its kind must be one the operation's
 * `x-credentials` lists; it must hold every scope the scheme it came by requires; a path
 * `{workspaceId}` must be its own; a signed token must be bound to this very resource.
 */
export function authorize(
  principal: Principal,
  operation: CompiledOperation,
  params: Record<string, string>,
): void {
  const { security } = operation;
  if (!security.credentials.includes(principal.kind)) {
    throw new ProblemError(
      403,
      "credential_kind_not_allowed",
      wrongKindDetail(security.credentials, principal.kind),
    );
  }
  const required = security.schemes[principal.scheme] ?? [];
  for (const scope of required) {
    if (!principal.scopes.includes(scope)) throw insufficientScope(required);
  }
  if (operation.hasWorkspaceParam && params.workspaceId !== principal.workspaceId) {
    throw new ProblemError(
      403,
      "workspace_mismatch",
      "This credential belongs to another workspace than the one in the path.",
    );
  }
  const resource = principal.resource;
  if (resource !== null) {
    const bound =
      "jobId" in resource
        ? params.jobId === resource.jobId
        : params.agentId === resource.agentId && params.filename === resource.filename;
    if (!bound) {
      throw new ProblemError(
        403,
        "resource_mismatch",
        "This token was minted for another resource; mint one for this URL.",
      );
    }
  }
}
