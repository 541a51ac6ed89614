import { describe, expect, it } from "vitest";
import { bearer, call, setup } from "./engineHarness.js";

describe("strict mode and failures", () => {
  it("turns a response that breaks the spec into a 500 naming the violation in strict mode", async () => {
    const broken = {
      listAgents: () => ({ status: 200, body: { data: "not a list" } as never }),
    };
    const strict = await setup({ strict: true, handlers: broken });
    const answer = await call(strict.engine, "/v1/agents", { headers: bearer(strict.ownerKey) });
    expect(answer.status).toBe(500);
    expect(answer.body.code).toBe("internal_error");
    expect(answer.body.detail).toContain("listAgents");
    expect(answer.body.detail).toContain("200");
    expect(answer.body.detail).toContain("/data");
    const lenient = await setup({ strict: false, handlers: broken });
    const passed = await call(lenient.engine, "/v1/agents", { headers: bearer(lenient.ownerKey) });
    expect(passed.status).toBe(200);
  });

  it("turns an undeclared status into a 500 in strict mode", async () => {
    const { engine, ownerKey } = await setup({
      handlers: { listAgents: () => ({ status: 204, body: undefined as never }) },
    });
    const answer = await call(engine, "/v1/agents", { headers: bearer(ownerKey) });
    expect(answer.status).toBe(500);
    expect(answer.body.detail).toContain("status 204 is not declared");
  });

  it("answers an unexpected error with a generic 500 that carries no message or secret", async () => {
    const { engine, ownerKey } = await setup({
      handlers: {
        listAgents: () => {
          throw new Error(`boom ${ownerKey}`);
        },
      },
    });
    const answer = await call(engine, "/v1/agents", { headers: bearer(ownerKey) });
    expect(answer.status).toBe(500);
    expect(answer.body.code).toBe("internal_error");
    expect(JSON.stringify(answer.body)).not.toContain(ownerKey);
    expect(JSON.stringify(answer.body)).not.toContain("boom");
  });
});
