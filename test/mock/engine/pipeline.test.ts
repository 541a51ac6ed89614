import { describe, expect, it, vi } from "vitest";
import { createEngine } from "../../../mock/engine/createEngine.js";
import type { LogEntry } from "../../../mock/engine/EngineContext.js";
import type { Snapshot } from "../../../mock/engine/types.js";
import { BASE, bearer, call, setup } from "./engineHarness.js";

const REQUEST_ID = /^req_[0-9A-Za-z]{16}$/;

describe("request pipeline", () => {
  it("answers an unknown path with 404 not_found", async () => {
    const { engine, ownerKey } = await setup();
    const answer = await call(engine, "/v1/nothing-here", { headers: bearer(ownerKey) });
    expect(answer.status).toBe(404);
    expect(answer.body.code).toBe("not_found");
  });

  it("answers a known path with another method with 405 and Allow", async () => {
    const { engine, ownerKey } = await setup();
    const answer = await call(engine, "/v1/agents", { method: "PUT", headers: bearer(ownerKey) });
    expect(answer.status).toBe(405);
    expect(answer.body.code).toBe("method_not_allowed");
    expect(answer.headers.get("allow")).toBe("GET, POST");
  });

  it("answers a body over 1 MB with 413, by Content-Length or by its actual size", async () => {
    const { engine, ownerKey } = await setup();
    const big = JSON.stringify({ name: "x".repeat(1_100_000), slug: "big" });
    const declared = await call(engine, "/v1/agents", {
      method: "POST",
      headers: {
        ...bearer(ownerKey),
        "content-type": "application/json",
        "content-length": String(big.length),
      },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(declared.body.code).toBe("payload_too_large");
    const undeclared = await engine.fetch(
      new Request(`${BASE}/v1/agents`, {
        method: "POST",
        headers: { ...bearer(ownerKey), "content-type": "application/json" },
        body: new Blob([big]).stream(),
        duplex: "half",
      } as RequestInit),
    );
    expect(undeclared.status).toBe(413);
  });

  it("answers a non-JSON body with 415 unsupported_media_type", async () => {
    const { engine, ownerKey } = await setup();
    const answer = await call(engine, "/v1/agents", {
      method: "POST",
      headers: { ...bearer(ownerKey), "content-type": "text/plain" },
      body: "name=x",
    });
    expect(answer.status).toBe(415);
    expect(answer.body.code).toBe("unsupported_media_type");
  });

  it("answers invalid JSON with 400 validation_failed at /body", async () => {
    const { engine, ownerKey } = await setup();
    const answer = await call(engine, "/v1/agents", {
      method: "POST",
      headers: { ...bearer(ownerKey), "content-type": "application/json" },
      body: '{"name": "x", ',
    });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe("validation_failed");
    expect(answer.body.errors).toEqual([{ pointer: "/body", detail: "is not valid JSON" }]);
  });

  it("reports every schema failure with a pointer into body, query and path", async () => {
    const { engine, ownerKey } = await setup();
    const body = await call(engine, "/v1/agents", {
      method: "POST",
      headers: bearer(ownerKey),
      json: { slug: "Bad Slug", extra: true },
    });
    expect(body.status).toBe(400);
    expect(body.body.code).toBe("validation_failed");
    const pointers = body.body.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(["/body/name", "/body/slug", "/body/extra"]));
    const query = await call(engine, "/v1/agents?limit=abc", { headers: bearer(ownerKey) });
    expect(query.status).toBe(400);
    expect(query.body.errors).toEqual([expect.objectContaining({ pointer: "/query/limit" })]);
    const path = await call(engine, "/v1/agents/not-an-id", { headers: bearer(ownerKey) });
    expect(path.status).toBe(400);
    expect(path.body.errors).toEqual([expect.objectContaining({ pointer: "/path/agentId" })]);
  });

  it("coerces query values to their schema types before the operation sees them", async () => {
    const seen: unknown[] = [];
    const { engine, ownerKey } = await setup({
      handlers: {
        listAgents: (input) => {
          seen.push(input.query.limit);
          return { status: 200, body: { data: [], next_cursor: null } };
        },
      },
    });
    await call(engine, "/v1/agents?limit=5", { headers: bearer(ownerKey) });
    await call(engine, "/v1/agents", { headers: bearer(ownerKey) });
    expect(seen).toEqual([5, 20]);
  });

  it("sends X-Request-Id on every response, equal to the problem's request_id", async () => {
    const { engine, ownerKey } = await setup();
    const answers = [
      await call(engine, "/v1/agents", { headers: bearer(ownerKey) }),
      await call(engine, "/v1/agents"),
      await call(engine, "/nope"),
      await call(engine, "/v1/agents", { method: "PATCH" }),
      await call(engine, "/openapi.json"),
      await call(engine, "/.well-known/jwks.json"),
    ];
    const ids = new Set<string>();
    for (const answer of answers) {
      const id = answer.headers.get("x-request-id") ?? "";
      expect(id).toMatch(REQUEST_ID);
      if (answer.status >= 400) expect(answer.body.request_id).toBe(id);
      ids.add(id);
    }
    expect(ids.size).toBe(answers.length);
  });

  it("serves the spec at /openapi.json and /openapi.yaml", async () => {
    const { engine } = await setup();
    const json = await call(engine, "/openapi.json");
    expect(json.status).toBe(200);
    expect(json.body.openapi).toBe("3.1.0");
    const yaml = await call(engine, "/openapi.yaml");
    expect(yaml.status).toBe(200);
    expect(yaml.headers.get("content-type")).toBe("application/yaml");
    expect(String(yaml.body)).toContain("openapi: 3.1.0");
  });

  it("persists after a request that may change state, and not after a GET", async () => {
    const saved: Snapshot[] = [];
    const engine = createEngine({ onPersist: (snapshot) => void saved.push(snapshot) });
    const ws = await call(engine, "/_sandbox/workspaces", { method: "POST" });
    expect(saved).toHaveLength(1);
    expect(saved[0]?.workspaces.map((w) => w.id)).toEqual([ws.body.workspace.id]);
    await call(engine, "/v1/agents", { headers: bearer(ws.body.owner.user_key.secret) });
    expect(saved).toHaveLength(1);
    await call(engine, "/v1/agents", {
      method: "POST",
      headers: bearer(ws.body.owner.user_key.secret),
      json: { name: "Third", slug: "third" },
    });
    expect(saved).toHaveLength(2);
    expect(saved[1]?.agents).toHaveLength(3);
  });

  it("logs one entry per request with the token query value redacted", async () => {
    const logger = vi.fn<(entry: LogEntry) => void>();
    const { engine, ownerKey, agentId } = await setup({ logger });
    const minted = await call(engine, `/v1/downloads/${agentId(0)}/hello.txt/token`, {
      method: "POST",
      headers: bearer(ownerKey),
    });
    logger.mockClear();
    const token = encodeURIComponent(minted.body.token);
    await call(engine, `/v1/downloads/${agentId(0)}/hello.txt?token=${token}`);
    expect(logger).toHaveBeenCalledTimes(1);
    const entry = logger.mock.calls[0]?.[0];
    expect(entry?.status).toBe(200);
    expect(entry?.path).toBe(`/v1/downloads/${agentId(0)}/hello.txt?token=%5Bredacted%5D`);
    expect(entry?.principal).toMatch(/^download_token:/);
    expect(JSON.stringify(entry)).not.toContain(minted.body.token);
  });
});
