import { type CredentialKind, credentialKinds, type Scope } from "../../src/generated/security.js";
import type { CompiledOperation } from "./compileOperations.js";
import { wrongKindDetail } from "./credentialNames.js";
import { ProblemError } from "./ProblemError.js";
import type { Principal } from "./types.js";
import { insufficientScope } from "./wwwAuthenticate.js";

/** What one authorisation check concluded: its refusal, or why it let the request on. */
export type AuthorizeOutcome = ProblemError | { outcome: "pass" | "skip"; detail: string };

export interface AuthorizeCheck {
  check: "credential_kind" | "scope" | "workspace" | "resource";
  decide(
    principal: Principal,
    operation: CompiledOperation,
    params: Record<string, string>,
  ): AuthorizeOutcome;
}

// Outcomes are built once, not per request: the journal keeps a passing step's detail by
// reference, and a string made per request would live as long as its entry.
const ACCEPTED = new Map(
  credentialKinds.map((kind) => [kind, { outcome: "pass", detail: `${kind} is accepted here` }]),
) as ReadonlyMap<CredentialKind, AuthorizeOutcome>;
const NO_SCOPE = { outcome: "skip", detail: "no scope required" } as const;
/** A scope list's outcome, by the list (each operation's, fixed at compile time). */
const holding = new WeakMap<readonly Scope[], AuthorizeOutcome>();

function holds(required: readonly Scope[]): AuthorizeOutcome {
  let outcome = holding.get(required);
  if (outcome === undefined) {
    outcome = { outcome: "pass", detail: `holds ${required.join(", ")}` };
    holding.set(required, outcome);
  }
  return outcome;
}

const NO_WORKSPACE = { outcome: "skip", detail: "the path names no workspace" } as const;
const SAME_WORKSPACE = {
  outcome: "pass",
  detail: "the path's workspace is the credential's",
} as const;
const NOT_BOUND = { outcome: "skip", detail: "the credential is not bound to a resource" } as const;
const BOUND = { outcome: "pass", detail: "the token was minted for this resource" } as const;

/**
 * What a valid credential may do here, in this order: its kind must be one the operation's
 * `x-credentials` lists; it must hold every scope the scheme it came by requires; a path
 * `{workspaceId}` must be its own; a signed token must be bound to this very resource. Each check
 * returns its outcome, so the request pipeline records every one as a step of the decision.
 */
export const authorizeChecks: readonly AuthorizeCheck[] = [
  {
    check: "credential_kind",
    decide(principal, { security }) {
      if (!security.credentials.includes(principal.kind)) {
        return new ProblemError(
          403,
          "credential_kind_not_allowed",
          wrongKindDetail(security.credentials, principal.kind),
        );
      }
      return ACCEPTED.get(principal.kind) as AuthorizeOutcome;
    },
  },
  {
    check: "scope",
    decide(principal, { security }) {
      const required = security.schemes[principal.scheme] ?? [];
      for (const scope of required) {
        if (!principal.scopes.includes(scope)) return insufficientScope(required);
      }
      return required.length === 0 ? NO_SCOPE : holds(required);
    },
  },
  {
    check: "workspace",
    decide(principal, operation, params) {
      if (!operation.hasWorkspaceParam) return NO_WORKSPACE;
      if (params.workspaceId !== principal.workspaceId) {
        return new ProblemError(
          403,
          "workspace_mismatch",
          "This credential belongs to another workspace than the one in the path.",
        );
      }
      return SAME_WORKSPACE;
    },
  },
  {
    check: "resource",
    decide(principal, _operation, params) {
      const resource = principal.resource;
      if (resource === null) return NOT_BOUND;
      const bound =
        "jobId" in resource
          ? params.jobId === resource.jobId
          : params.agentId === resource.agentId && params.filename === resource.filename;
      if (!bound) {
        return new ProblemError(
          403,
          "resource_mismatch",
          "This token was minted for another resource; mint one for this URL.",
        );
      }
      return BOUND;
    },
  },
];

/** Every authorisation check in order; throws the first refusal. */
export function authorize(
  principal: Principal,
  operation: CompiledOperation,
  params: Record<string, string>,
): void {
  for (const { decide } of authorizeChecks) {
    const outcome = decide(principal, operation, params);
    if (outcome instanceof ProblemError) throw outcome;
  }
}
