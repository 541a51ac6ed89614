// The kit reads a workspace's journal entries through the sandbox's own fetch, every page; a
// sandbox that cannot give the whole journal (replicas, or the journal off) makes the request
// assertions fail with its reason rather than assert on part of it.
import { describe, expect, it } from "vitest";
import { createSandbox } from "../../mock/createSandbox.js";
import { workspaceRequests } from "../../mock/vitest/workspaceRequests.js";

describe("workspaceRequests", () => {
  it("reads every page of the workspace's entries, and only that workspace's", async () => {
    const sandbox = createSandbox({ baseUrl: "http://sandbox.test" });
    const mine = await sandbox.createWorkspace();
    const other = await sandbox.createWorkspace();
    for (const ws of [mine, mine, mine, other]) {
      for (let i = 0; i < 60; i++) {
        await sandbox.fetch("/v1/agents", {
          headers: { authorization: `Bearer ${ws.owner.user_key.secret}` },
        });
      }
    }
    const entries = await workspaceRequests(sandbox.fetch, sandbox.baseUrl, mine.workspace.id);
    expect(entries).toHaveLength(180);
    expect(new Set(entries.map((entry) => entry.workspace_id))).toEqual(
      new Set([mine.workspace.id]),
    );
  });

  it("fails with the sandbox's reason when it runs as replicas", async () => {
    const replica = createSandbox({
      baseUrl: "http://sandbox.test",
      changeLog: { append() {}, async catchUp() {} },
    });
    await expect(
      workspaceRequests(replica.fetch, replica.baseUrl, "ws_aaaaaaaaaaaaaaaa"),
    ).rejects.toThrow(/cannot read the request journal \(409\).*replicas/);
  });
});
