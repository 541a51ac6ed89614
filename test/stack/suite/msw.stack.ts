// The sandbox's MSW handlers answering the app's own `fetch`. `listen` comes from the file for the
// installed msw major (msw2/ or msw3/), which names the unhandled-request option as that major
// does; the last test fails if the installed msw ignored the option. The callback only counts, so
// the unhandled request goes on to a loopback server of this file.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createSandbox } from "latchkey/mock";
import { http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen } from "./mswListen.js";

const sandbox = createSandbox({ strict: true });
const server = setupServer(...sandbox.handlers(http));
let unhandled = 0;
// Another service the app calls, which no handler covers: MSW lets the request through to it.
const other = createServer((_request, response) => response.writeHead(204).end());

beforeAll(async () => {
  listen(server, () => {
    unhandled += 1;
  });
  await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
});
afterAll(() => {
  server.close();
  other.close();
});

/** The app under test: plain `fetch`, as many apps are written. */
async function countAgents(baseUrl: string, apiKey: string): Promise<number> {
  const response = await fetch(`${baseUrl}/v1/agents`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  if (!response.ok) throw new Error(`GET /v1/agents answered ${response.status}`);
  return ((await response.json()) as { data: unknown[] }).data.length;
}

describe("MSW routes the app's fetch to the sandbox", () => {
  it("answers the owner's key with the workspace's agents", async () => {
    const { owner } = await sandbox.createWorkspace();
    expect(await countAgents(sandbox.baseUrl, owner.user_key.secret)).toBe(2);
  });

  it("refuses a mistyped key with 401", async () => {
    await expect(countAgents(sandbox.baseUrl, "lk_usr_test_not-a-real-key")).rejects.toThrow(
      "answered 401",
    );
  });

  it("reports a request no handler answers through the installed major's option", async () => {
    const { port } = other.address() as AddressInfo;
    expect((await fetch(`http://127.0.0.1:${port}/elsewhere`)).status).toBe(204);
    expect(unhandled).toBe(1); // 0 if the installed msw ignored the option's name
  });
});
