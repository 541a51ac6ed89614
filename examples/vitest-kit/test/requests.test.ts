// Assertions on what the app sent, read from the sandbox's request journal (in-process or over
// LATCHKEY_SANDBOX_URL): only this test's workspace's requests count.
// README: assertions
import { test } from "latchkey/vitest";
import { expect } from "vitest";

test("signs in once and never puts a key in a URL", async ({ client, workspace }) => {
  await client.agents.list();
  await client.agents.list(); // the session of the first call is reused
  await expect(workspace).toHaveReceivedRequestTimes(1, { operationId: "authenticate" });
  await expect(workspace).toHaveReceivedRequest({ credential: "session", status: 200 });
  await expect(workspace).not.toHaveReceivedRequest({ presentedIn: "query" });
});
// /README

// Fails on purpose, only when asked: the consumer test checks what a failure shows.
test.runIf(process.env.LATCHKEY_EXAMPLE_FAILING === "1")(
  "fails: invokes an agent with the owner's key",
  async ({ sandbox, workspace }) => {
    await sandbox.fetch(`${sandbox.baseUrl}/v1/invoke/agent-one`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${workspace.owner.user_key.secret}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ input: "hi" }),
    });
    await expect(workspace).toHaveReceivedRequest({ operationId: "invokeAgent", status: 200 });
  },
);
