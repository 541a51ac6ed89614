// Fault rules through MSW: a dropped connection is a failed fetch, a status is the usual answer.
import { http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox } from "../../../mock/index.js";

describe("fault rules with setupServer", () => {
  const sandbox = createSandbox({ baseUrl: "http://faults.sandbox.test", strict: true });
  const server = setupServer(...sandbox.handlers(http));
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());

  it("a dropped connection makes the intercepted fetch reject; a 503 is answered", async () => {
    const ws = await sandbox.createWorkspace();
    const workspace_id = ws.workspace.id;
    await sandbox.faults.add({ workspace_id, match: {}, action: { type: "drop" } });
    await sandbox.faults.add({ workspace_id, match: {}, action: { type: "status", status: 503 } });
    const get = () =>
      fetch("http://faults.sandbox.test/v1/agents", {
        headers: { authorization: `Bearer ${ws.owner.user_key.secret}` },
      });
    await expect(get()).rejects.toThrow(TypeError);
    expect((await get()).status).toBe(503);
    expect((await get()).status).toBe(200);
  });
});
