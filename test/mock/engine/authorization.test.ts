import { describe, expect, it } from "vitest";
import { bearer, call, newWorkspace, setup } from "./engineHarness.js";

describe("authorization", () => {
  it("refuses a credential missing a scope with 403 insufficient_scope naming it", async () => {
    const { engine, ownerKey } = await setup();
    const reader = await call(engine, "/v1/me/api-keys", {
      method: "POST",
      headers: bearer(ownerKey),
      json: { name: "reader", scopes: ["agents:read"] },
    });
    const answer = await call(engine, "/v1/agents", {
      method: "POST",
      headers: bearer(reader.body.secret),
      json: { name: "New", slug: "new-agent" },
    });
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe("insufficient_scope");
    expect(answer.body.required_scopes).toEqual(["agents:write"]);
    expect(answer.headers.get("www-authenticate")).toBe(
      'Bearer realm="latchkey", error="insufficient_scope", scope="agents:write"',
    );
  });

  it("names every scope the operation needs when one of several is missing", async () => {
    const { engine, ws, ownerKey } = await setup();
    const writer = await call(engine, "/v1/me/api-keys", {
      method: "POST",
      headers: bearer(ownerKey),
      json: { name: "writer", scopes: ["keys:write"] },
    });
    const answer = await call(engine, `/v1/w/${ws.workspace.id}/keys`, {
      method: "POST",
      headers: bearer(writer.body.secret),
      json: { name: "ci" },
    });
    expect(answer.status).toBe(403);
    expect(answer.body.required_scopes).toEqual(["keys:write", "workspace:admin"]);
    expect(answer.headers.get("www-authenticate")).toContain('scope="keys:write workspace:admin"');
  });

  it("refuses a workspace key on another workspace's path with workspace_mismatch", async () => {
    const { engine, ws, ownerKey } = await setup();
    const other = await newWorkspace(engine);
    const wsKey = await call(engine, `/v1/w/${ws.workspace.id}/keys`, {
      method: "POST",
      headers: bearer(ownerKey),
      json: { name: "ci" },
    });
    expect(wsKey.status).toBe(201);
    const own = await call(engine, `/v1/w/${ws.workspace.id}/keys`, {
      headers: bearer(wsKey.body.secret),
    });
    expect(own.status).toBe(200);
    const answer = await call(engine, `/v1/w/${other.workspace.id}/keys`, {
      headers: bearer(wsKey.body.secret),
    });
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe("workspace_mismatch");
    expect(answer.headers.get("www-authenticate")).toBeNull();
  });

  it("refuses a credential kind the operation does not accept with credential_kind_not_allowed", async () => {
    const { engine, agentKey } = await setup();
    const answer = await call(engine, "/v1/agents", { headers: bearer(agentKey(0)) });
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe("credential_kind_not_allowed");
    expect(answer.headers.get("www-authenticate")).toBeNull();
  });

  it("refuses a download token for another file with resource_mismatch", async () => {
    const { engine, ownerKey, agentId } = await setup();
    const minted = await call(engine, `/v1/downloads/${agentId(0)}/hello.txt/token`, {
      method: "POST",
      headers: bearer(ownerKey),
    });
    expect(minted.status).toBe(201);
    const token = encodeURIComponent(minted.body.token);
    const own = await call(engine, `/v1/downloads/${agentId(0)}/hello.txt?token=${token}`);
    expect(own.status).toBe(200);
    expect(own.body).toBe(`Hello from agent ${agentId(0)}.\n`);
    const answer = await call(engine, `/v1/downloads/${agentId(1)}/hello.txt?token=${token}`);
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe("resource_mismatch");
  });

  it("expires a download token on the sandbox clock", async () => {
    const { engine, ownerKey, agentId } = await setup();
    const minted = await call(engine, `/v1/downloads/${agentId(0)}/hello.txt/token`, {
      method: "POST",
      headers: bearer(ownerKey),
      json: { expires_in: "1m" },
    });
    await call(engine, "/_sandbox/clock", { method: "POST", json: { advance: "2m" } });
    const token = encodeURIComponent(minted.body.token);
    const answer = await call(engine, `/v1/downloads/${agentId(0)}/hello.txt?token=${token}`);
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe("token_expired");
  });

  it("refuses a signed token with a forged MAC as token_malformed", async () => {
    const { engine, ownerKey, agentId } = await setup();
    const minted = await call(engine, `/v1/downloads/${agentId(0)}/hello.txt/token`, {
      method: "POST",
      headers: bearer(ownerKey),
    });
    const token = minted.body.token as string;
    const forged = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    const answer = await call(
      engine,
      `/v1/downloads/${agentId(0)}/hello.txt?token=${encodeURIComponent(forged)}`,
    );
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe("token_malformed");
  });

  it("refuses a download token on an operation that does not accept it", async () => {
    const { engine, ownerKey, agentId } = await setup();
    const minted = await call(engine, `/v1/downloads/${agentId(0)}/hello.txt/token`, {
      method: "POST",
      headers: bearer(ownerKey),
    });
    const answer = await call(engine, "/v1/agents", { headers: bearer(minted.body.token) });
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe("credential_kind_not_allowed");
  });
});
