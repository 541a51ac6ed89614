// Each rule of `authorize`, alone: a test per rule that fails when the rule is removed, even
// where a later layer (the handler's workspace filter, the token's MAC) would refuse as well.
import { describe, expect, it } from "vitest";
import { authorize } from "../../../mock/engine/authorize.js";
import { operation, principal, problemOf } from "./ruleHarness.js";

const download = { agentId: "agt_1", filename: "report.pdf" };
const downloadToken = principal({
  kind: "download_token",
  scheme: "downloadToken",
  userId: null,
  role: null,
  scopes: ["downloads:read"],
  resource: download,
});
const streamToken = principal({
  kind: "stream_token",
  scheme: "streamToken",
  userId: null,
  role: null,
  scopes: ["jobs:read"],
  resource: { jobId: "job_1" },
});

describe("authorize", () => {
  it("a credential kind the operation's x-credentials do not list gets 403 credential_kind_not_allowed", async () => {
    const agentKey = principal({ kind: "agent_key", agentId: "agt_1", scopes: ["agents:invoke"] });
    expect(await problemOf(() => authorize(agentKey, operation("listAgents"), {}))).toMatchObject({
      status: 403,
      code: "credential_kind_not_allowed",
      detail:
        "Call this operation with a session token, a user key or a workspace key; an agent key cannot call it.",
      headers: {},
    });
  });

  it("a credential lacking a scope its scheme requires gets 403 insufficient_scope naming every scope", async () => {
    const writer = principal({ scopes: ["keys:write"] });
    const params = { workspaceId: "ws_a" };
    expect(
      await problemOf(() => authorize(writer, operation("createWorkspaceKey"), params)),
    ).toMatchObject({
      status: 403,
      code: "insufficient_scope",
      detail:
        "This operation needs the scopes keys:write, workspace:admin, which this credential lacks.",
      extras: { required_scopes: ["keys:write", "workspace:admin"] },
    });
  });

  it("a credential holding every required scope is let through", () => {
    const both = principal({ scopes: ["keys:write", "workspace:admin"] });
    const params = { workspaceId: "ws_a" };
    expect(authorize(both, operation("createWorkspaceKey"), params)).toBeUndefined();
  });

  it("the scope requirement is the one of the scheme the credential came by", () => {
    // downloadToken requires no scope of its own; the header schemes require downloads:read.
    const bare = { ...downloadToken, scopes: [] };
    expect(authorize(bare, operation("downloadFile"), download)).toBeUndefined();
  });

  it("a path {workspaceId} other than the credential's own gets 403 workspace_mismatch", async () => {
    const params = { workspaceId: "ws_b" };
    expect(
      await problemOf(() => authorize(principal(), operation("listWorkspaceKeys"), params)),
    ).toEqual({
      status: 403,
      code: "workspace_mismatch",
      detail: "This credential belongs to another workspace than the one in the path.",
      headers: {},
      extras: {},
    });
  });

  it("a path {workspaceId} equal to the credential's own is let through", () => {
    const params = { workspaceId: "ws_a" };
    expect(authorize(principal(), operation("listWorkspaceKeys"), params)).toBeUndefined();
  });

  it("an operation without {workspaceId} ignores a stray workspaceId parameter", () => {
    const params = { workspaceId: "ws_b" };
    expect(authorize(principal(), operation("listAgents"), params)).toBeUndefined();
  });

  const resourceMismatch = {
    status: 403,
    code: "resource_mismatch",
    detail: "This token was minted for another resource; mint one for this URL.",
    headers: {},
    extras: {},
  };

  it("a download token is good for its own agent and filename", () => {
    expect(authorize(downloadToken, operation("downloadFile"), { ...download })).toBeUndefined();
  });

  it("a download token on another file of its agent gets 403 resource_mismatch", async () => {
    const params = { agentId: "agt_1", filename: "other.pdf" };
    expect(
      await problemOf(() => authorize(downloadToken, operation("downloadFile"), params)),
    ).toEqual(resourceMismatch);
  });

  it("a download token on the same filename of another agent gets 403 resource_mismatch", async () => {
    const params = { agentId: "agt_2", filename: "report.pdf" };
    expect(
      await problemOf(() => authorize(downloadToken, operation("downloadFile"), params)),
    ).toEqual(resourceMismatch);
  });

  it("a stream token is good for its own job", () => {
    expect(authorize(streamToken, operation("streamJob"), { jobId: "job_1" })).toBeUndefined();
  });

  it("a stream token on another job gets 403 resource_mismatch", async () => {
    const params = { jobId: "job_2" };
    expect(await problemOf(() => authorize(streamToken, operation("streamJob"), params))).toEqual(
      resourceMismatch,
    );
  });
});
