// Over HTTP, the node adapter hands the engine the peer's address, so failed authentication from
// one client is limited (the in-process engine has no address to limit by).
import { afterAll, describe, expect, it } from "vitest";
import { createSandboxServer } from "../../../mock/server/createSandboxServer.js";

describe("latchkey sandbox with a rate limit", () => {
  const sandbox = createSandboxServer({ rateLimit: { limit: 3, window: "1m" } });
  afterAll(() => sandbox.close({ timeoutMs: 1_000 }));

  it("answers 429 to a client address after repeated failed authentication", async () => {
    const url = await sandbox.listen(0, "127.0.0.1");
    const forged = "lk_usr_test_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const reply = await fetch(`${url}/v1/agents`, {
        headers: { authorization: `Bearer ${forged}` },
      });
      await reply.arrayBuffer();
      statuses.push(reply.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});
