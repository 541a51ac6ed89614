// The answer both bench servers give to an authorised `GET /v1/agents`, so the bare server and the
// adapter diagnostic serialise the very same bytes the comparison is about.
export const agentListBody = JSON.stringify({
  data: [
    {
      id: "agt_5Rk8Nw3Qz1Lm7Xp4",
      name: "Agent one",
      slug: "agent-one",
      workspace_id: "ws_8fK2mQ9xLp3vT7nR",
      created_at: "2026-11-23T10:00:00Z",
    },
  ],
  next_cursor: null,
});
