import { describe, expect, it } from "vitest";
import { everyResourceMethod } from "../consumer/everyResourceMethod.js";
import { BASE_URL, newSandbox } from "./sandboxFixture.js";

describe("every resource method against the in-process sandbox", () => {
  it("answers each one as the spec says, and walks 27 agents 10 a page once each", async () => {
    const sandbox = newSandbox();
    const ws = await sandbox.createWorkspace();
    const done = await everyResourceMethod(BASE_URL, ws, sandbox.fetch);
    expect(done).toHaveLength(20);
  }, 30_000);
});
