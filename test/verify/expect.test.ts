// The expectation rules of `latchkey verify`, one test per rule, each read from the spec.
import { describe, expect, it } from "vitest";
import { roles } from "../../src/generated/security.js";
import { expectValid, fixedScopes, type Situation } from "../../verify/expect.js";
import { readSpecOperations, type SpecOperation } from "../../verify/specModel.js";
import type { Caller } from "../../verify/types.js";

const operations = readSpecOperations();
const op = (id: string) => operations.find((o) => o.id === id) as SpecOperation;
const owner: Caller = {
  label: "session:owner",
  kind: "session",
  secret: "x",
  tenant: 0,
  role: "owner",
  userId: "usr_owner",
  keyId: null,
  scopes: roles.owner,
  teamId: null,
  agentId: null,
  resource: null,
};
const at = (scheme: string, other = false, extra: Partial<Situation> = {}): Situation => ({
  scheme,
  other,
  teamMemberIds: ["usr_owner"],
  createsKind: null,
  ...extra,
});

describe("what the spec says a valid credential gets", () => {
  it("a kind the operation's x-credentials does not list: 403 credential_kind_not_allowed", () => {
    const agentKey = { ...owner, kind: "agent_key" as const, scopes: ["agents:invoke" as const] };
    expect(expectValid(operations, op("listAgents"), agentKey, at("bearerAuth"))?.code).toBe(
      "credential_kind_not_allowed",
    );
  });

  it("one required scope missing: 403 insufficient_scope naming the scheme's scopes, in the challenge too", () => {
    const viewer = { ...owner, role: "viewer" as const, scopes: roles.viewer };
    const expected = expectValid(operations, op("createAgent"), viewer, at("apiKeyHeader"));
    expect(expected).toMatchObject({
      status: 403,
      code: "insufficient_scope",
      requiredScopes: ["agents:write"],
    });
    expect(expected?.challenge).toEqual({ error: "insufficient_scope", scope: "agents:write" });
  });

  it("every required scope held: the operation's 2xx", () => {
    expect(expectValid(operations, op("createAgent"), owner, at("bearerAuth"))?.status).toBe(201);
  });

  it("another workspace in the path: 403 workspace_mismatch", () => {
    expect(
      expectValid(operations, op("listWorkspaceKeys"), owner, at("bearerAuth", true))?.code,
    ).toBe("workspace_mismatch");
  });

  it("another workspace's object: 404 not_found, as if it did not exist", () => {
    expect(expectValid(operations, op("getAgent"), owner, at("bearerAuth", true))).toMatchObject({
      status: 404,
      code: "not_found",
    });
  });

  it("another workspace's agent as X-Agent-ID: 403 agent_forbidden", () => {
    expect(expectValid(operations, op("createJob"), owner, at("bearerAuth", true))?.code).toBe(
      "agent_forbidden",
    );
  });

  it("a signed token on another resource: 403 resource_mismatch", () => {
    const token = {
      ...owner,
      kind: "download_token" as const,
      scopes: ["downloads:read" as const],
      resource: { filename: "a" },
    };
    expect(
      expectValid(operations, op("downloadFile"), token, at("downloadToken", true))?.code,
    ).toBe("resource_mismatch");
  });

  it("an agent key on another agent's slug: 403 agent_mismatch", () => {
    const agentKey = {
      ...owner,
      kind: "agent_key" as const,
      userId: null,
      agentId: "agt_1",
      scopes: ["agents:invoke" as const],
    };
    expect(expectValid(operations, op("invokeAgent"), agentKey, at("bearerAuth", true))?.code).toBe(
      "agent_mismatch",
    );
  });

  it("a user outside the team at its intake: 403 team_mismatch", () => {
    const outsider = { ...owner, userId: "usr_other" };
    expect(expectValid(operations, op("postIntake"), outsider, at("bearerAuth"))?.code).toBe(
      "team_mismatch",
    );
    expect(expectValid(operations, op("postIntake"), owner, at("bearerAuth"))?.status).toBe(202);
  });

  it("an agent key's scopes are fixed by the spec (agents:invoke), a user key's are not", () => {
    expect(fixedScopes(operations, "agent_key")).toEqual(["agents:invoke"]);
    expect(fixedScopes(operations, "team_key")).toEqual([]);
    expect(fixedScopes(operations, "user_key")).toBeNull();
  });

  it("creating a key of a fixed-scope kind without holding its scopes: 403 scope_escalation", () => {
    const narrow = {
      ...owner,
      kind: "workspace_key" as const,
      userId: null,
      scopes: ["keys:write" as const],
    };
    const creates = at("bearerAuth", false, { createsKind: "agent_key" });
    expect(expectValid(operations, op("createAgentKey"), narrow, creates)?.code).toBe(
      "scope_escalation",
    );
    expect(expectValid(operations, op("createAgentKey"), owner, creates)?.status).toBe(201);
  });

  it("a credential whose scopes the spec cannot tell: no expectation (the cell is skipped)", () => {
    expect(
      expectValid(operations, op("listAgents"), { ...owner, scopes: null }, at("bearerAuth")),
    ).toBeNull();
  });
});
