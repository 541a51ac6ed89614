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
