// The request itself: routes, methods, bodies and their validation, before any operation runs.
import { expect, it } from "vitest";
import type { ScenarioClient } from "./scenarioClient.js";

export function requestScenarios(c: ScenarioClient): void {
  it("answers 404 not_found for an unknown path", async () => {
    const reply = await c.request("GET", "/v1/nothing-here");
    expect(reply.status).toBe(404);
    expect(reply.body.code).toBe("not_found");
  });

  it("answers 405 method_not_allowed with Allow for a known path's other method", async () => {
    const reply = await c.request("PUT", "/v1/agents");
    expect(reply.status).toBe(405);
    expect(reply.body.code).toBe("method_not_allowed");
    expect(reply.headers.get("allow")).toMatch(/GET/);
    expect(reply.headers.get("allow")).toMatch(/POST/);
  });

  it("refuses a body that is not JSON with 415 unsupported_media_type", async () => {
    const ws = await c.workspace();
    const reply = await c.request("POST", "/v1/agents", {
      auth: ws.owner.user_key.secret,
      headers: { "content-type": "text/plain" },
      rawBody: "name=Plain&slug=plain",
    });
    expect(reply.status).toBe(415);
    expect(reply.body.code).toBe("unsupported_media_type");
  });

  it("names every schema failure by pointer in 400 validation_failed", async () => {
    const ws = await c.workspace();
    const reply = await c.request("POST", "/v1/agents", {
      auth: ws.owner.user_key.secret,
      body: { name: "", slug: "Not A Slug" },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe("validation_failed");
    const pointers = reply.body.errors?.map((e) => e.pointer) ?? [];
    expect(pointers).toContain("/body/name");
    expect(pointers).toContain("/body/slug");
  });

  it("refuses a body over 1 MB with 413 payload_too_large", async () => {
    const ws = await c.workspace();
    const reply = await c.request("POST", "/v1/invoke/agent-one", {
      auth: ws.agents[0]?.key.secret,
      body: { input: "x".repeat(1_100_000) },
    });
    expect(reply.status).toBe(413);
    expect(reply.body.code).toBe("payload_too_large");
  });

  it("refuses a session token in the query string with 400 invalid_request", async () => {
    const ws = await c.workspace();
    const session = await c.login(ws.owner);
    const reply = await c.request("GET", `/v1/auth/whoami?access_token=${session.access_token}`);
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe("invalid_request");
  });
}
