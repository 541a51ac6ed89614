// MSW handlers answer only under the sandbox's base URL; other origins pass through untouched.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox } from "../../../mock/index.js";

describe("sandbox.handlers with setupServer", () => {
  const sandbox = createSandbox({ baseUrl: "http://api.sandbox.test/base" });
  const server = setupServer(...sandbox.handlers(http));
  let upstream: Server;
  let upstreamUrl = "";

  beforeAll(async () => {
    upstream = createServer((_req, res) => res.end("real server"));
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    server.listen({ onUnhandledRequest: "bypass" });
  });
  afterAll(async () => {
    server.close();
    await new Promise((resolve) => upstream.close(resolve));
  });

  it("answers requests under the base URL, path prefix stripped", async () => {
    const reply = await fetch("http://api.sandbox.test/base/_sandbox/clock");
    expect(reply.status).toBe(200);
    expect(reply.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("lets requests to other origins through to the real server", async () => {
    const reply = await fetch(`${upstreamUrl}/_sandbox/clock`);
    expect(await reply.text()).toBe("real server");
  });

  it("streams server-sent events through MSW", async () => {
    const ws = (await (
      await fetch("http://api.sandbox.test/base/_sandbox/workspaces", { method: "POST" })
    ).json()) as {
      owner: { user_key: { secret: string } };
      agents: { agent: { id: string } }[];
    };
    const headers = {
      authorization: `Bearer ${ws.owner.user_key.secret}`,
      "x-agent-id": ws.agents[0]?.agent.id ?? "",
    };
    const job = (await (
      await fetch("http://api.sandbox.test/base/v1/generate", {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({ prompt: "x", steps: 2 }),
      })
    ).json()) as { id: string };
    const stream = await fetch(`http://api.sandbox.test/base/v1/generate/${job.id}/stream`, {
      headers,
    });
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    expect(await stream.text()).toMatch(/id: 3\nevent: done/);
  });
});
