// `latchkey/vitest` against a standalone sandbox on 127.0.0.1 port 0, provisioning over HTTP.
import { afterAll, describe, expect, it } from "vitest";
import { createSandboxServer } from "../../mock/server/createSandboxServer.js";
import { createLatchkeyTest } from "../../mock/vitest/index.js";
import { kitSuite } from "./kitSuite.js";

const server = createSandboxServer({ strict: true });
const url = await server.listen(0, "127.0.0.1");
afterAll(() => server.close({ timeoutMs: 1_000 }));

const remote = createLatchkeyTest({
  url,
  client: { maxRetries: 2, retryBackoff: { baseDelayMs: 1, maxDelayMs: 5 } },
});

describe("against a standalone sandbox (url, as LATCHKEY_SANDBOX_URL gives it)", () => {
  kitSuite(remote);
});

describe("after the suite", () => {
  it("the server's clock is back where it was: a test that moved it put it back", async () => {
    const reply = await fetch(`${url}/_sandbox/clock`);
    const { offset_ms } = (await reply.json()) as { offset_ms: number };
    expect(Math.abs(offset_ms)).toBeLessThan(5_000);
  });
});
