// What the spec says a request must get, in the order its error table and security
// declarations imply: a credential that cannot be read or trusted is 401 whatever it asks for;
// then the operation's `x-credentials` (403 credential_kind_not_allowed), the scheme's required
// scopes (403 insufficient_scope), the tenant (403 workspace_mismatch for a path workspace, 404
// for another workspace's object, so nothing leaks), and the rules the operations' descriptions
// state (a team's intake is its members', an agent key invokes its own agent, a key of a kind
// with fixed scopes needs a creator holding them). Derived from the spec only, never from the
// implementation under test.
import type { CredentialKind, Scope } from "../src/generated/security.js";
import type { SpecOperation } from "./specModel.js";
import type { Caller, Expected } from "./types.js";

export const success = (status: number): Expected => ({ status, code: null, challenge: null });

export const problem = (status: number, code: string): Expected => ({
  status,
  code,
  challenge: null,
});

/** 401 with `error="invalid_token"`: malformed, forged, unknown, revoked, expired, live. */
export const invalidToken = (code: string): Expected => ({
  status: 401,
  code,
  challenge: { error: "invalid_token" },
});

/** 401 with the bare challenge: no credential at all. */
export const credentialsMissing: Expected = {
  status: 401,
  code: "credentials_missing",
  challenge: { error: null },
};

/** 400 with `error="invalid_request"`: two credentials, a key in the query string. */
export const invalidRequest: Expected = {
  status: 400,
  code: "invalid_request",
  challenge: { error: "invalid_request" },
};

export interface Situation {
  /** The scheme the credential arrives by. */
  scheme: string;
  /** Whether the ids in the request are another tenant's (or, for bound credentials, another resource). */
  other: boolean;
  /** Tenant 0's team members, for team-scoped operations. */
  teamMemberIds: readonly string[];
  /** Kind of key the operation creates, when it creates one. */
  createsKind: CredentialKind | null;
}

/**
 * The scopes a key of `kind` always holds, when the spec fixes them: every operation that
 * accepts the kind needs the same scopes (an agent key only invokes: `agents:invoke`; a team
 * key only posts to intake: none). Null for kinds whose scopes the creator chooses.
 */
export function fixedScopes(
  operations: readonly SpecOperation[],
  kind: CredentialKind,
): readonly Scope[] | null {
  const sets = new Map<string, readonly Scope[]>();
  for (const op of operations) {
    if (!op.security.credentials.includes(kind)) continue;
    for (const scheme of op.headerSchemes) {
      const required = op.security.schemes[scheme] ?? [];
      if (required.length > 0) sets.set([...required].sort().join(" "), required);
    }
  }
  if (sets.size > 1) return null;
  return [...sets.values()][0] ?? [];
}

/** The answer to a valid credential; null when the spec leaves it open (the cell is skipped). */
export function expectValid(
  operations: readonly SpecOperation[],
  op: SpecOperation,
  caller: Caller,
  situation: Situation,
): Expected | null {
  const { security } = op;
  if (!security.credentials.includes(caller.kind))
    return problem(403, "credential_kind_not_allowed");
  if (caller.scopes === null) return null;
  const held = caller.scopes;
  const required = security.schemes[situation.scheme as keyof typeof security.schemes] ?? [];
  if (required.some((scope) => !held.includes(scope))) {
    return {
      status: 403,
      code: "insufficient_scope",
      challenge: { error: "insufficient_scope", scope: required.join(" ") },
      requiredScopes: required,
    };
  }
  if (situation.other) {
    if (op.pathParams.includes("workspaceId")) return problem(403, "workspace_mismatch");
    if (caller.resource !== null) return problem(403, "resource_mismatch");
    if (caller.agentId !== null && op.pathParams.includes("agentSlug")) {
      return problem(403, "agent_mismatch");
    }
    if (security.agentContext === "required") return problem(403, "agent_forbidden");
    return problem(404, "not_found");
  }
  // A team-scoped operation that team keys may call belongs to the team: a user must be a member.
  if (op.pathParams.includes("teamId") && security.credentials.includes("team_key")) {
    if (caller.userId !== null && !situation.teamMemberIds.includes(caller.userId)) {
      return problem(403, "team_mismatch");
    }
  }
  // A key of a kind with fixed, narrower scopes may only be created by a holder of them.
  if (situation.createsKind !== null) {
    const fixed = fixedScopes(operations, situation.createsKind);
    if (fixed?.some((scope) => !held.includes(scope))) {
      return problem(403, "scope_escalation");
    }
  }
  return success(op.successStatus);
}
