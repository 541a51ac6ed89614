// Each check of `authorizeChecks` returns the step the request journal shows: its refusal, or
// `pass` / `skip` with why. One test per outcome, so a check that reported the wrong step (or
// none) fails here, where the pipeline copies it into the decision chain as is.
import { describe, expect, it } from "vitest";
import { type AuthorizeCheck, authorizeChecks } from "../../../mock/engine/authorize.js";
import { ProblemError } from "../../../mock/engine/ProblemError.js";
import { operation, principal } from "./ruleHarness.js";

function check(name: AuthorizeCheck["check"]): AuthorizeCheck {
  const found = authorizeChecks.find((c) => c.check === name);
  if (!found) throw new Error(`no check ${name}`);
  return found;
}

describe("authorizeChecks", () => {
  it("run in the pipeline's order: kind, scope, workspace, resource", () => {
    expect(authorizeChecks.map((c) => c.check)).toEqual([
      "credential_kind",
      "scope",
      "workspace",
      "resource",
    ]);
  });

  it("credential_kind passes an accepted kind, naming it", () => {
    expect(check("credential_kind").decide(principal(), operation("listAgents"), {})).toEqual({
      outcome: "pass",
      detail: "user_key is accepted here",
    });
  });

  it("passing and skipped outcomes are made once, not per request (the journal keeps them)", () => {
    for (const name of ["credential_kind", "scope", "workspace", "resource"] as const) {
      const first = check(name).decide(principal(), operation("listAgents"), {});
      expect(check(name).decide(principal(), operation("listAgents"), {})).toBe(first);
    }
    const token = principal({ kind: "download_token", scheme: "downloadToken", scopes: [] });
    const skipped = check("scope").decide(token, operation("downloadFile"), {});
    expect(check("scope").decide(token, operation("downloadFile"), {})).toBe(skipped);
  });

  it("credential_kind refuses a kind the operation does not list", () => {
    const agentKey = principal({ kind: "agent_key", agentId: "agt_1" });
    const outcome = check("credential_kind").decide(agentKey, operation("listAgents"), {});
    expect(outcome).toBeInstanceOf(ProblemError);
    expect((outcome as ProblemError).code).toBe("credential_kind_not_allowed");
  });

  it("scope passes naming the scopes held, and refuses naming those required", () => {
    const reader = principal({ scopes: ["agents:read"] });
    expect(check("scope").decide(reader, operation("listAgents"), {})).toEqual({
      outcome: "pass",
      detail: "holds agents:read",
    });
    const admin = principal({ scopes: ["keys:write", "workspace:admin"] });
    expect(check("scope").decide(admin, operation("createWorkspaceKey"), {})).toEqual({
      outcome: "pass",
      detail: "holds keys:write, workspace:admin",
    });
    const none = principal({ scopes: [] });
    const refused = check("scope").decide(none, operation("listAgents"), {}) as ProblemError;
    expect(refused.code).toBe("insufficient_scope");
    expect(refused.extras.required_scopes).toEqual(["agents:read"]);
  });

  it("scope is skipped when the scheme requires none", () => {
    const token = principal({
      kind: "download_token",
      scheme: "downloadToken",
      scopes: [],
      resource: { agentId: "agt_1", filename: "a.txt" },
    });
    expect(check("scope").decide(token, operation("downloadFile"), {})).toEqual({
      outcome: "skip",
      detail: "no scope required",
    });
  });

  it("workspace is skipped without a path workspace, passes its own, refuses another", () => {
    expect(check("workspace").decide(principal(), operation("listAgents"), {})).toEqual({
      outcome: "skip",
      detail: "the path names no workspace",
    });
    const own = principal({ workspaceId: "ws_a" });
    const keys = operation("createWorkspaceKey");
    expect(check("workspace").decide(own, keys, { workspaceId: "ws_a" })).toEqual({
      outcome: "pass",
      detail: "the path's workspace is the credential's",
    });
    const other = check("workspace").decide(own, keys, { workspaceId: "ws_b" }) as ProblemError;
    expect(other.code).toBe("workspace_mismatch");
  });

  it("resource is skipped for an unbound credential, passes its resource, refuses another", () => {
    expect(check("resource").decide(principal(), operation("listAgents"), {})).toEqual({
      outcome: "skip",
      detail: "the credential is not bound to a resource",
    });
    const bound = principal({
      kind: "stream_token",
      scheme: "streamToken",
      resource: { jobId: "job_1" },
    });
    const stream = operation("streamJob");
    expect(check("resource").decide(bound, stream, { jobId: "job_1" })).toEqual({
      outcome: "pass",
      detail: "the token was minted for this resource",
    });
    const wrong = check("resource").decide(bound, stream, { jobId: "job_2" }) as ProblemError;
    expect(wrong.code).toBe("resource_mismatch");
  });
});
