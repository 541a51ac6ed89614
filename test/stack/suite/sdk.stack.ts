// The SDK against the in-process sandbox through `sandbox.fetch`, as the README's in-process
// example: sign in, list, let the session expire on the sandbox clock, and let the client refresh.
import { createClient, unwrap } from "latchkey";
import { createSandbox } from "latchkey/mock";
import { expect, test } from "vitest";

test("the SDK signs in on sandbox.fetch and refreshes an expired session by itself", async () => {
  const sandbox = createSandbox({ strict: true });
  const { owner } = await sandbox.createWorkspace();
  const client = createClient({
    baseUrl: "http://127.0.0.1:4010", // nothing listens: sandbox.fetch answers
    fetch: sandbox.fetch,
    credentials: { email: owner.user.email, password: owner.password },
    now: () => sandbox.clock.now().getTime(),
  });
  const agents = await unwrap(client.GET("/v1/agents"));
  expect(agents.data.map((agent) => agent.slug)).toEqual(["agent-one", "agent-two"]);
  sandbox.clock.advance("16m");
  const { response } = await client.GET("/v1/agents");
  expect(response.status).toBe(200);
});
