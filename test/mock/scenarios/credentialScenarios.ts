// Where credentials may arrive and how a bad one is refused, before any rule about scopes.
import { expect, it } from "vitest";
import type { ScenarioClient } from "./scenarioClient.js";
import { tamper } from "./scenarioClient.js";

export function credentialScenarios(c: ScenarioClient): void {
  it("answers 401 credentials_missing with a bare Bearer challenge when no credential is sent", async () => {
    const reply = await c.request("GET", "/v1/agents");
    expect(reply.status).toBe(401);
    expect(reply.body.code).toBe("credentials_missing");
    expect(reply.headers.get("www-authenticate")).toBe('Bearer realm="latchkey"');
    expect(reply.headers.get("content-type")).toContain("application/problem+json");
  });

  it("sends X-Request-Id on every response, matching the problem's request_id", async () => {
    const reply = await c.request("GET", "/v1/agents");
    expect(reply.headers.get("x-request-id")).toMatch(/^req_[0-9A-Za-z]{16}$/);
    expect(reply.body.request_id).toBe(reply.headers.get("x-request-id"));
  });

  it("refuses a key with one changed character as token_malformed", async () => {
    const ws = await c.workspace();
    const reply = await c.request("GET", "/v1/agents", { auth: tamper(ws.owner.user_key.secret) });
    expect(reply.status).toBe(401);
    expect(reply.body.code).toBe("token_malformed");
    expect(reply.headers.get("www-authenticate")).toMatch(
      /^Bearer realm="latchkey", error="invalid_token", error_description="/,
    );
  });

  it("refuses a well-formed live key with live_key_in_sandbox", async () => {
    const reply = await c.request("GET", "/v1/agents", {
      auth: `lk_usr_live_${"7Qm2Xv9LpA3sK8dF4hJ6zN1bR5tW0cYe"}`,
    });
    expect(reply.status).toBe(401);
    expect(reply.body.code).toBe("live_key_in_sandbox");
    expect(reply.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("accepts a key in X-API-Key", async () => {
    const ws = await c.workspace();
    const reply = await c.request("GET", "/v1/agents", {
      headers: { "x-api-key": ws.owner.user_key.secret },
    });
    expect(reply.status).toBe(200);
  });

  it("accepts a key in Api-Key", async () => {
    const ws = await c.workspace();
    const reply = await c.request("GET", "/v1/agents", {
      headers: { "api-key": ws.owner.user_key.secret },
    });
    expect(reply.status).toBe(200);
  });

  it("treats the same key sent twice as one credential", async () => {
    const ws = await c.workspace();
    const secret = ws.owner.user_key.secret;
    const reply = await c.request("GET", "/v1/agents", {
      auth: secret,
      headers: { "x-api-key": secret },
    });
    expect(reply.status).toBe(200);
  });

  it("refuses two different credentials with 400 invalid_request", async () => {
    const ws = await c.workspace();
    const reply = await c.request("GET", "/v1/agents", {
      auth: ws.owner.user_key.secret,
      headers: { "x-api-key": ws.agents[0]?.key.secret ?? "" },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe("invalid_request");
    expect(reply.headers.get("www-authenticate")).toContain('error="invalid_request"');
  });

  it("refuses an API key in the query string with 400 invalid_request", async () => {
    const ws = await c.workspace();
    const reply = await c.request("GET", `/v1/agents?api_key=${ws.owner.user_key.secret}`);
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe("invalid_request");
    expect(reply.body.detail).toMatch(/header/);
  });

  it("refuses an API key as ?token= even where signed tokens are accepted", async () => {
    const ws = await c.workspace();
    const agentId = ws.agents[0]?.agent.id;
    const reply = await c.request(
      "GET",
      `/v1/downloads/${agentId}/hello.txt?token=${ws.owner.user_key.secret}`,
    );
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe("invalid_request");
  });

  it("answers an Authorization header of another scheme alone as no credential: 401 with the bare challenge", async () => {
    const ws = await c.workspace();
    const reply = await c.request("GET", "/v1/agents", {
      headers: { authorization: `Basic ${btoa(`x:${ws.owner.user_key.secret}`)}` },
    });
    expect(reply.status).toBe(401);
    expect(reply.body.code).toBe("credentials_missing");
    expect(reply.headers.get("www-authenticate")).toBe('Bearer realm="latchkey"');
  });

  it("refuses a credential kind the operation does not accept with 403 credential_kind_not_allowed", async () => {
    const ws = await c.workspace();
    const reply = await c.request("GET", "/v1/agents", { auth: ws.agents[0]?.key.secret });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe("credential_kind_not_allowed");
    expect(reply.headers.get("www-authenticate")).toBeNull();
  });
}
