// Fault rules, each kind in-process and over HTTP: what fires, how often, for whom.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FaultTarget, type SandboxWorkspace, targets } from "./faultTargets.js";

const auth = (secret: string) => ({ headers: { authorization: `Bearer ${secret}` } });

describe.each(targets)("fault rules %s", (_name, start) => {
  let target: FaultTarget;
  let ws: SandboxWorkspace;
  const agents = () => target.fetch("/v1/agents", auth(ws.owner.user_key.secret));

  beforeAll(async () => {
    target = await start();
  });
  afterAll(() => target.close());

  const fresh = async () => {
    ws = await target.workspace();
    return ws.workspace.id;
  };

  it("a 503 with Retry-After answers the next N matching requests, then the rule is spent", async () => {
    const workspace_id = await fresh();
    await target.faults.add({
      workspace_id,
      match: { operation_id: "listAgents" },
      action: { type: "status", status: 503, retry_after: 2 },
      times: 2,
    });
    const first = await agents();
    expect(first.status).toBe(503);
    expect(first.headers.get("retry-after")).toBe("2");
    expect(first.headers.get("x-request-id")).toMatch(/^req_/);
    expect(await first.json()).toMatchObject({ code: "service_unavailable", retry_after: 2 });
    expect((await agents()).status).toBe(503);
    expect((await agents()).status).toBe(200);
    const [rule] = await target.faults.list(workspace_id);
    expect(rule).toMatchObject({ fired: 2, remaining: 0 });
  });

  it("a 429 sends Retry-After (1 second unless told) and the rate_limited problem", async () => {
    const workspace_id = await fresh();
    await target.faults.add({ workspace_id, match: {}, action: { type: "status", status: 429 } });
    const reply = await agents();
    expect(reply.status).toBe(429);
    expect(reply.headers.get("retry-after")).toBe("1");
    expect(await reply.json()).toMatchObject({ code: "rate_limited", retry_after: 1 });
  });

  it("a delay holds the answer that long, then answers as usual", async () => {
    const workspace_id = await fresh();
    await target.faults.add({ workspace_id, match: {}, action: { type: "delay", delay_ms: 300 } });
    const started = performance.now();
    const reply = await agents();
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(reply.status).toBe(200);
  });

  it("a dropped connection makes fetch reject, and the next request is answered", async () => {
    const workspace_id = await fresh();
    await target.faults.add({ workspace_id, match: { method: "GET" }, action: { type: "drop" } });
    await expect(agents()).rejects.toThrow(TypeError);
    expect((await agents()).status).toBe(200);
  });

  it("token_expired answers a valid session 401 with the RFC 6750 challenge", async () => {
    const workspace_id = await fresh();
    const signIn = await target.fetch("/v1/auth/authenticate", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: ws.owner.user.email, password: ws.owner.password }),
    });
    const { access_token } = (await signIn.json()) as { access_token: string };
    await target.faults.add({
      workspace_id,
      match: { credential_kind: "session" },
      action: { type: "token_expired" },
    });
    // A user key of the same workspace is not a session: the rule leaves it alone.
    expect((await agents()).status).toBe(200);
    const reply = await target.fetch("/v1/agents", auth(access_token));
    expect(reply.status).toBe(401);
    expect(reply.headers.get("www-authenticate")).toMatch(/error="invalid_token"/);
    expect(await reply.json()).toMatchObject({ code: "token_expired" });
    expect((await target.fetch("/v1/agents", auth(access_token))).status).toBe(200);
  });

  it("method and path match only that route: POST /v1/agents fails, GET does not", async () => {
    const workspace_id = await fresh();
    await target.faults.add({
      workspace_id,
      match: { method: "POST", path: "/v1/agents" },
      action: { type: "status", status: 503 },
    });
    expect((await agents()).status).toBe(200);
    const create = await target.fetch("/v1/agents", {
      method: "POST",
      headers: { ...auth(ws.owner.user_key.secret).headers, "content-type": "application/json" },
      body: JSON.stringify({ name: "New", slug: "new-agent" }),
    });
    expect(create.status).toBe(503);
  });

  it("a seeded probability fires the same requests on every run, some but not all", async () => {
    const pattern = async () => {
      const workspace_id = await fresh();
      await target.faults.add({
        workspace_id,
        match: { operation_id: "listAgents" },
        action: { type: "status", status: 503 },
        probability: 0.5,
        seed: 7,
      });
      const statuses: number[] = [];
      for (let i = 0; i < 16; i++) statuses.push((await agents()).status);
      return statuses.join(",");
    };
    const first = await pattern();
    expect(await pattern()).toBe(first);
    expect(first).toContain("503");
    expect(first).toContain("200");
  });

  it("times caps a probability rule, and the oldest matching rule fires first", async () => {
    const workspace_id = await fresh();
    await target.faults.add({
      workspace_id,
      match: {},
      action: { type: "status", status: 429 },
      probability: 1,
      times: 1,
    });
    await target.faults.add({ workspace_id, match: {}, action: { type: "status", status: 503 } });
    expect((await agents()).status).toBe(429);
    expect((await agents()).status).toBe(503);
    expect((await agents()).status).toBe(200);
    const rules = await target.faults.list(workspace_id);
    expect(rules.map((rule) => [rule.fired, rule.remaining])).toEqual([
      [1, 0],
      [1, 0],
    ]);
  });

  it("a rule in one workspace never touches another workspace's requests", async () => {
    const other = await target.workspace();
    const workspace_id = await fresh();
    await target.faults.add({
      workspace_id,
      match: {},
      action: { type: "status", status: 503 },
      times: 5,
    });
    const otherReply = await target.fetch("/v1/agents", auth(other.owner.user_key.secret));
    expect(otherReply.status).toBe(200);
    expect((await agents()).status).toBe(503);
  });

  it("sign-in of a workspace's user can be faulted by its email", async () => {
    const workspace_id = await fresh();
    await target.faults.add({
      workspace_id,
      match: { operation_id: "authenticate" },
      action: { type: "status", status: 503 },
    });
    const signIn = await target.fetch("/v1/auth/authenticate", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: ws.owner.user.email, password: ws.owner.password }),
    });
    expect(signIn.status).toBe(503);
  });

  it("DELETE clears one workspace's rules; reset clears them all", async () => {
    const a = await fresh();
    const b = (await target.workspace()).workspace.id;
    for (const workspace_id of [a, b]) {
      await target.faults.add({ workspace_id, match: {}, action: { type: "status", status: 503 } });
    }
    expect(await target.faults.clear(a)).toBe(1);
    expect(await target.faults.list(a)).toEqual([]);
    expect(await target.faults.list(b)).toHaveLength(1);
    expect((await agents()).status).toBe(200);
    await target.fetch("/_sandbox/reset", { method: "POST" });
    expect(await target.faults.list()).toEqual([]);
  });

  it("refuses a rule for an unknown workspace, operation or status, naming what to fix", async () => {
    const workspace_id = await fresh();
    await expect(
      target.faults.add({
        workspace_id: "ws_0000000000000000",
        match: {},
        action: { type: "drop" },
      }),
    ).rejects.toThrow(/404/);
    await expect(
      target.faults.add({
        workspace_id,
        match: { operation_id: "resetSandbox" },
        action: { type: "drop" },
      }),
    ).rejects.toThrow(/resetSandbox is not an operation a fault rule can take/);
    const bad = await target.fetch("/_sandbox/faults", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ workspace_id, match: {}, action: { type: "status", status: 500 } }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: "validation_failed" });
  });
});
