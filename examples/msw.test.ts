// A vitest suite whose app code calls `fetch` itself (it cannot be handed a fetch function):
// MSW's `setupServer` intercepts requests to the sandbox's base URL and the sandbox answers them,
// every auth rule enforced. Copy it into your project as is; `npm test` runs it here.
import { createClient, unwrap } from "latchkey";
import { createSandbox } from "latchkey/mock";
import { http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

const sandbox = createSandbox({ strict: true }); // strict: every answer is checked against the spec
const server = setupServer(...sandbox.handlers(http));

// msw 2 spells it `onUnhandledRequest`; with msw 3 write `{ onUnhandledFrame: "error" }`.
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => sandbox.reset());
afterAll(() => server.close());

/** The app under test: plain `fetch` to the API, as many apps are written. */
async function countAgents(baseUrl: string, apiKey: string): Promise<number> {
  const response = await fetch(`${baseUrl}/v1/agents`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  if (!response.ok) throw new Error(`GET /v1/agents answered ${response.status}`);
  return ((await response.json()) as { data: unknown[] }).data.length;
}

describe("an app whose fetch MSW intercepts", () => {
  it("counts the agents of the owner's workspace", async () => {
    const { owner } = await sandbox.createWorkspace();
    expect(await countAgents(sandbox.baseUrl, owner.user_key.secret)).toBe(2);
  });

  it("fails loudly with a mistyped key: the sandbox checks it, unlike a mock that wants any", async () => {
    await expect(countAgents(sandbox.baseUrl, "lk_usr_test_not-a-real-key")).rejects.toThrow(
      "answered 401",
    );
  });

  it("works with the SDK on the global fetch too", async () => {
    const { owner } = await sandbox.createWorkspace();
    const client = createClient({ baseUrl: sandbox.baseUrl, credentials: owner.user_key.secret });
    const me = await unwrap(client.GET("/v1/auth/whoami"));
    expect(me.role).toBe("owner");
  });
});
