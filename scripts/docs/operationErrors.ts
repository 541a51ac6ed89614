// The error codes an operation can answer with, by status, for its docs: worked out from what it
// declares (its responses, credentials, scopes, parameters, body, agent context) by the rules of
// docs/decisions/error-table.md, plus any code its own response descriptions name.
import type { DerivedOperation } from "../codegen/derive-security";
import type { OpenAPIDocument, OperationRef } from "../codegen/openapi-types";

const invalidToken = ["token_malformed", "token_unknown", "token_revoked", "token_expired"];

function knownCodes(doc: OpenAPIDocument): string[] {
  const schemas = (doc.components?.schemas ?? {}) as Record<string, { enum?: string[] }>;
  return schemas.ErrorCode?.enum ?? [];
}

/** Codes by status that follow from the operation's declarations. */
function derivedCodes(ref: OperationRef, derived: DerivedOperation): Record<string, string[]> {
  const { operation, pathItem, path } = ref;
  const hasParams = (operation.parameters?.length ?? 0) + (pathItem.parameters?.length ?? 0) > 0;
  const signed = Object.keys(derived.schemes).some((scheme) => /Token$/.test(scheme));
  const userCredential = derived.credentials.some((kind) =>
    ["session", "user_key", "workspace_key"].includes(kind),
  );
  const scopes = Object.values(derived.schemes).flat();
  const codes: Record<string, string[]> = {
    "400": [],
    "401": [],
    "403": [],
    "404": ["not_found"],
    "405": ["method_not_allowed"],
    "409": ["conflict"],
    "413": ["payload_too_large"],
    "415": ["unsupported_media_type"],
    "429": ["rate_limited"],
  };
  if (!derived.public) codes["400"]?.push("invalid_request");
  if (hasParams || operation.requestBody) codes["400"]?.push("validation_failed");
  if (derived.agentContext === "required" && userCredential) {
    codes["400"]?.push("agent_context_required");
  }
  // The refresh token travels in the body of a public operation, and is checked all the same.
  if (derived.public && path.endsWith("/auth/refresh")) {
    codes["401"]?.push("token_malformed", "token_unknown", "token_expired", "refresh_token_reused");
  }
  if (!derived.public) {
    codes["401"]?.push("credentials_missing", ...invalidToken, "live_key_in_sandbox");
    if (scopes.length > 0) codes["403"]?.push("insufficient_scope");
    codes["403"]?.push("credential_kind_not_allowed");
    if (derived.agentContext !== "none") codes["403"]?.push("agent_forbidden", "agent_mismatch");
    if (path.includes("{workspaceId}")) codes["403"]?.push("workspace_mismatch");
    if (path.includes("{teamId}")) codes["403"]?.push("team_mismatch");
    if (signed) codes["403"]?.push("resource_mismatch");
    if (/keys/.test(path) && ref.method === "post") codes["403"]?.push("scope_escalation");
  }
  return codes;
}

/** The "Errors" block appended to an operation's description: a status and its codes a line. */
export function describeErrors(
  doc: OpenAPIDocument,
  ref: OperationRef,
  derived: DerivedOperation,
): string {
  const known = knownCodes(doc);
  const byRule = derivedCodes(ref, derived);
  const rows: string[] = [];
  for (const [status, response] of Object.entries(ref.operation.responses ?? {})) {
    if (!/^[45]\d\d$/.test(status)) continue;
    const own = (response as { description?: string; $ref?: string }).description ?? "";
    const named = [...own.matchAll(/`([a-z_]+)`/g)]
      .map((match) => match[1] ?? "")
      .filter((code) => known.includes(code));
    const codes = [...new Set([...(byRule[status] ?? []), ...named])];
    if (codes.length === 0) continue;
    rows.push(`| ${status} | ${codes.map((code) => `\`${code}\``).join(", ")} |`);
  }
  if (rows.length === 0) return "";
  return ["#### Errors", "", "| status | `code` |", "|---|---|", ...rows].join("\n");
}
