// A journal record with every field set, for the ring's and the journal's tests.
import type { JournalRecord } from "../../../mock/engine/journal/journalEntry.js";

const operation = { operationId: "listAgents" } as JournalRecord["operation"];
export const held = Object.freeze(["agents:read", "agents:write"]) as JournalRecord["held"];

export function record(overrides: Partial<JournalRecord> = {}): JournalRecord {
  return {
    id: "req_AbCdEfGhIjKlMnOp",
    at: 1_798_000_000_123,
    method: "GET",
    path: "/v1/agents?limit=2",
    operation,
    status: 403,
    code: "agent_forbidden",
    durationMs: 0.125,
    workspaceId: "ws_0123456789abcdef",
    kind: "user_key",
    presentedIn: "authorization",
    start: "lk_usr_test_Ab12",
    principalKind: "user_key",
    principalId: "key_0123456789abcdef",
    userId: "usr_0123456789abcdef",
    principalAgentId: null,
    teamId: null,
    held,
    required: held,
    agent: { agent_id: "agt_0123456789abcdef", source: "header" },
    trail: [
      "route",
      "pass",
      null,
      "scope",
      "pass",
      "holds agents:read",
      "agent_context",
      "fail",
      "You cannot act as agt_0123456789abcdef.",
    ],
    scheme: "bearerAuth",
    ...overrides,
  };
}
