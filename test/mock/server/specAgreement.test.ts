// Issue 23: over HTTP, every request the spec forbids is refused with the answer the spec gives
// it. Each test is one row of the table, sent byte for byte (node's rawHeaders path),
// so a repeated or empty header reaches the sandbox exactly as a client can send it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Schemas } from "../../../mock/engine/types.js";
import { createSandboxServer } from "../../../mock/server/createSandboxServer.js";
import { type RawAnswer, rawHttp } from "./rawHttp.js";

const sandbox = createSandboxServer();
let url = "";
let ws: Schemas["SandboxWorkspace"];
let auth: [string, string];

beforeAll(async () => {
  url = await sandbox.listen(0, "127.0.0.1");
  const made = await rawHttp(url, { method: "POST", target: "/_sandbox/workspaces" });
  ws = made.body;
  auth = ["Authorization", `Bearer ${ws.owner.user_key.secret}`];
});
afterAll(() => sandbox.close({ timeoutMs: 1_000 }));

const json = (value: unknown) => ({
  body: JSON.stringify(value),
  type: ["Content-Type", "application/json"] as const,
});

/** POST /v1/agents with `headers`, and the owner's key unless `headers` carry a credential. */
function createAgent(...headers: [string, string][]): Promise<RawAnswer> {
  const { body, type } = json({ name: "row", slug: "row-agent" });
  const keyed = headers.some(([name]) => ["Authorization", "X-API-Key", "Api-Key"].includes(name));
  const credential: [string, string][] = keyed ? [] : [auth];
  return rawHttp(url, {
    method: "POST",
    target: "/v1/agents",
    headers: [...credential, type, ...headers],
    body,
  });
}

/** The problem's pointers, and the answer must not quote `secret` anywhere. */
function pointers(answer: RawAnswer, secret?: string): string[] {
  if (secret !== undefined) {
    expect(answer.text).not.toContain(secret);
    expect(JSON.stringify(answer.headers)).not.toContain(secret);
  }
  return (answer.body?.errors ?? []).map((e: { pointer: string }) => e.pointer);
}

describe("the sandbox refuses over HTTP what the spec forbids", () => {
  it("an Idempotency-Key over maxLength is 400 validation_failed at /header/Idempotency-Key", async () => {
    const answer = await createAgent(["Idempotency-Key", "k".repeat(256)]);
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe("validation_failed");
    expect(pointers(answer)).toEqual(["/header/Idempotency-Key"]);
  });

  it("an Idempotency-Key sent empty is invalid (minLength 1), not absent", async () => {
    const answer = await createAgent(["Idempotency-Key", ""]);
    expect(answer.status).toBe(400);
    expect(pointers(answer)).toEqual(["/header/Idempotency-Key"]);
  });

  it("a Last-Event-ID outside its pattern is 400 at /header/Last-Event-ID", async () => {
    const { body, type } = json({ prompt: "row", steps: 1 });
    const agent = ["X-Agent-ID", ws.agents[0]?.agent.id ?? ""] as [string, string];
    const job = await rawHttp(url, {
      method: "POST",
      target: "/v1/generate",
      headers: [auth, type, agent],
      body,
    });
    expect(job.status).toBe(201);
    const answer = await rawHttp(url, {
      method: "GET",
      target: `/v1/generate/${job.body.id}/stream`,
      headers: [auth, ["Last-Event-ID", "nope"]],
    });
    expect(answer.status).toBe(400);
    expect(pointers(answer, "nope")).toEqual(["/header/Last-Event-ID"]);
  });

  it("POST /_sandbox/clock with both advance and set is 400, the clock unmoved", async () => {
    const { body, type } = json({ advance: "1d", set: "2030-01-01T00:00:00Z" });
    const answer = await rawHttp(url, {
      method: "POST",
      target: "/_sandbox/clock",
      headers: [type],
      body,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      { pointer: "/body", detail: 'must have exactly one of "advance" or "set"' },
    ]);
    const clock = await rawHttp(url, { method: "GET", target: "/_sandbox/clock" });
    expect(clock.body.offset_ms).toBe(0);
  });

  it("two X-Agent-ID headers are 400 invalid_request, quoting neither id", async () => {
    const [a, b] = ws.agents.map((x) => x.agent.id);
    const answer = await rawHttp(url, {
      method: "GET",
      target: "/v1/auth/whoami",
      headers: [auth, ["X-Agent-ID", a ?? ""], ["X-Agent-ID", b ?? ""]],
    });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe("invalid_request");
    pointers(answer, a);
    pointers(answer, b);
  });

  it("X-Agent-ID outside the AgentId pattern is 400 at /header/X-Agent-ID, not echoed", async () => {
    const answer = await rawHttp(url, {
      method: "GET",
      target: "/v1/auth/whoami",
      headers: [auth, ["X-Agent-ID", "nope"]],
    });
    expect(answer.status).toBe(400);
    expect(pointers(answer, "nope")).toEqual(["/header/X-Agent-ID"]);
  });

  it("CONNECT to a path is 400 invalid_request with a problem document", async () => {
    const answer = await rawHttp(url, { method: "CONNECT", target: "/v1/agents", headers: [auth] });
    expect(answer.status).toBe(400);
    expect(answer.headers["content-type"]).toBe("application/problem+json");
    expect(answer.body.code).toBe("invalid_request");
    expect(answer.headers["x-request-id"]).toBe(answer.body.request_id);
  });

  it("CONNECT to an authority is 405 method_not_allowed with Allow", async () => {
    const answer = await rawHttp(url, { method: "CONNECT", target: "example.test:443" });
    expect(answer.status).toBe(405);
    expect(answer.headers).toHaveProperty("allow", "");
    expect(answer.body.code).toBe("method_not_allowed");
  });

  it("an Upgrade request is answered as an ordinary request", async () => {
    const answer = await rawHttp(url, {
      method: "GET",
      target: "/_sandbox/clock",
      headers: [
        ["Upgrade", "websocket"],
        ["Connection", "Upgrade"],
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toHaveProperty("offset_ms");
  });
});

describe("a repeated single-valued header is 400 invalid_request over HTTP", () => {
  const sent: [string, () => [string, string]][] = [
    ["Authorization", () => auth],
    ["X-API-Key", () => ["X-API-Key", ws.owner.user_key.secret]],
    ["Api-Key", () => ["Api-Key", ws.owner.user_key.secret]],
    ["Idempotency-Key", () => ["Idempotency-Key", "same-key"]],
    ["X-Agent-ID", () => ["X-Agent-ID", ws.agents[0]?.agent.id ?? ""]],
    ["Last-Event-ID", () => ["Last-Event-ID", "424242"]],
  ];
  it.each(sent)("%s sent twice with the same value", async (name, header) => {
    const answer = await createAgent(header(), header());
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe("invalid_request");
    expect(answer.body.detail).toContain(name);
    expect(answer.text).not.toContain(header()[1]);
  });
});
