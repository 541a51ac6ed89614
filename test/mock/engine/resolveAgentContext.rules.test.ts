// The agent a request acts as (`x-agent-context`, `X-Agent-ID`), rule by rule.
import { describe, expect, it } from "vitest";
import { resolveAgentContext } from "../../../mock/engine/resolveAgentContext.js";
import { Store } from "../../../mock/engine/Store.js";
import { operation, principal, problemOf } from "./ruleHarness.js";

const required = operation("createJob");
const optional = operation("whoami");
const none = operation("listAgents");

/** A store with the given agents of workspace ws_a, and one agent of ws_b that must never count. */
function storeWith(...ids: string[]): Store {
  const store = new Store();
  const agents: [string, string][] = [...ids.map((id): [string, string] => [id, "ws_a"])];
  agents.push(["agt_other", "ws_b"]);
  for (const [id, workspaceId] of agents) {
    store.putAgent({ id, workspaceId, name: id, slug: id, createdAt: 0 });
  }
  return store;
}

const agentKey = principal({ kind: "agent_key", agentId: "agt_1", scopes: ["agents:invoke"] });

describe("resolveAgentContext", () => {
  it("an operation without agent context acts as no agent, whatever X-Agent-ID says", () => {
    expect(resolveAgentContext(principal(), none, "agt_1", storeWith("agt_1"))).toBeNull();
    expect(resolveAgentContext(agentKey, none, "agt_2", storeWith("agt_1"))).toBeNull();
  });

  it("an agent key acts as its own agent", () => {
    expect(resolveAgentContext(agentKey, required, null, storeWith())).toBe("agt_1");
    expect(resolveAgentContext(agentKey, required, "agt_1", storeWith())).toBe("agt_1");
  });

  it("an agent key naming another agent in X-Agent-ID is 403 agent_mismatch", async () => {
    expect(
      await problemOf(() => resolveAgentContext(agentKey, optional, "agt_2", storeWith("agt_2"))),
    ).toEqual({
      status: 403,
      code: "agent_mismatch",
      detail: "This agent key belongs to another agent than the one in X-Agent-ID.",
      headers: {},
      extras: {},
    });
  });

  it("a team key with X-Agent-ID is 403 agent_forbidden: a team key acts as no agent", async () => {
    const teamKey = principal({ kind: "team_key", userId: null, teamId: "team_1", scopes: [] });
    expect(
      await problemOf(() => resolveAgentContext(teamKey, required, "agt_1", storeWith("agt_1"))),
    ).toEqual({
      status: 403,
      code: "agent_forbidden",
      detail: "A team key cannot act as an agent.",
      headers: {},
      extras: {},
    });
    expect(resolveAgentContext(teamKey, required, null, storeWith("agt_1"))).toBeNull();
  });

  it("X-Agent-ID naming an agent of the credential's workspace acts as it", () => {
    expect(resolveAgentContext(principal(), required, "agt_2", storeWith("agt_1", "agt_2"))).toBe(
      "agt_2",
    );
  });

  it("X-Agent-ID naming an agent of another workspace is 403 agent_forbidden", async () => {
    expect(
      await problemOf(() => resolveAgentContext(principal(), optional, "agt_other", storeWith())),
    ).toEqual({
      status: 403,
      code: "agent_forbidden",
      detail:
        "This credential cannot act as the agent named in X-Agent-ID: it is not an agent of its workspace.",
      headers: {},
      extras: {},
    });
  });

  it("X-Agent-ID naming no agent at all is 403 agent_forbidden", async () => {
    expect(
      await problemOf(() =>
        resolveAgentContext(principal(), optional, "agt_9", storeWith("agt_1")),
      ),
    ).toMatchObject({ status: 403, code: "agent_forbidden" });
  });

  it("without X-Agent-ID, a workspace with exactly one agent acts as it", () => {
    expect(resolveAgentContext(principal(), required, null, storeWith("agt_1"))).toBe("agt_1");
    expect(resolveAgentContext(principal(), optional, null, storeWith("agt_1"))).toBe("agt_1");
  });

  it("without X-Agent-ID, an optional context with none or several agents acts as no agent", () => {
    expect(resolveAgentContext(principal(), optional, null, storeWith())).toBeNull();
    expect(
      resolveAgentContext(principal(), optional, null, storeWith("agt_1", "agt_2")),
    ).toBeNull();
  });

  it("without X-Agent-ID, a required context with several agents is 400 agent_context_required", async () => {
    const store = storeWith("agt_1", "agt_2", "agt_3");
    expect(await problemOf(() => resolveAgentContext(principal(), required, null, store))).toEqual({
      status: 400,
      code: "agent_context_required",
      detail:
        "This operation acts as an agent and the workspace has several: name one with X-Agent-ID.",
      headers: {},
      extras: {},
    });
  });

  it("without X-Agent-ID, a required context with no agent is 400 agent_context_required", async () => {
    expect(
      await problemOf(() => resolveAgentContext(principal(), required, null, storeWith())),
    ).toMatchObject({
      status: 400,
      code: "agent_context_required",
      detail: "This operation acts as an agent, and the workspace has none: create an agent first.",
    });
  });
});
