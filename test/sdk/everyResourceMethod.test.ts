import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandboxServer } from "../../mock/server/createSandboxServer.js";
import type { SandboxWorkspace } from "../../mock/vitest/index.js";
import { everyResourceMethod } from "../consumer/everyResourceMethod.js";
import { BASE_URL, newSandbox } from "./sandboxFixture.js";

// 20 steps: each resource method once (the five key methods of a resource count as one step).
const STEPS = 20;

describe("every resource method", () => {
  it("against the in-process sandbox, walking 27 agents 10 a page once each", async () => {
    const sandbox = newSandbox();
    const ws = await sandbox.createWorkspace();
    expect(await everyResourceMethod(BASE_URL, ws, sandbox.fetch)).toHaveLength(STEPS);
  }, 30_000);

  describe("against the standalone sandbox over HTTP", () => {
    const server = createSandboxServer({ strict: true });
    let url = "";
    beforeAll(async () => {
      url = await server.listen(0, "127.0.0.1");
    });
    afterAll(() => server.close({ timeoutMs: 1_000 }));

    it("answers each one, walking 27 agents 10 a page once each", async () => {
      const reply = await fetch(`${url}/_sandbox/workspaces`, { method: "POST" });
      const ws = (await reply.json()) as SandboxWorkspace;
      expect(await everyResourceMethod(url, ws)).toHaveLength(STEPS);
    }, 30_000);
  });
});
