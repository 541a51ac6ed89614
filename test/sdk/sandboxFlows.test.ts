import { describe, expect, it } from "vitest";
import {
  createClient,
  NotFoundError,
  PermissionDeniedError,
  unwrap,
  ValidationError,
} from "../../src/index.js";
import { BASE_URL, newSandbox, recording } from "./sandboxFixture.js";

async function workspace(options: Parameters<typeof newSandbox>[0] = {}) {
  const sandbox = newSandbox(options);
  const ws = await sandbox.createWorkspace();
  const wire = recording(sandbox.fetch);
  const [one, two] = ws.agents;
  if (!one || !two) throw new Error("the sandbox workspace has two agents");
  const client = createClient({
    baseUrl: BASE_URL,
    fetch: wire.fetch,
    credentials: ws.owner.user_key.secret,
  });
  return { sandbox, ws, wire, client, one, two };
}

describe("the SDK against the sandbox", () => {
  it("raises PermissionDeniedError with requiredScopes parsed from WWW-Authenticate", async () => {
    const { sandbox, ws } = await workspace();
    const viewer = await sandbox.createUser(ws.workspace.id, { role: "viewer" });
    const client = createClient({
      baseUrl: BASE_URL,
      fetch: sandbox.fetch,
      credentials: viewer.user_key.secret,
    });
    const error = await unwrap(
      client.POST("/v1/agents", { body: { name: "No", slug: "no-way" } }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    const denied = error as PermissionDeniedError;
    expect(denied.wwwAuthenticate?.error).toBe("insufficient_scope");
    expect(denied.requiredScopes).toEqual(["agents:write"]);
    expect(denied.requestId).toMatch(/^req_[0-9A-Za-z]{16}$/);
    expect(denied.message).toContain(`POST ${BASE_URL}/v1/agents`);
  });

  it("retries a 429 with Retry-After: 1 after about a second", async () => {
    const { sandbox, wire, client } = await workspace({ rateLimit: { limit: 1, window: "1s" } });
    // Windows are aligned to whole seconds: start at the top of one, so both calls share it.
    sandbox.clock.set(new Date(Math.ceil(Date.now() / 1000) * 1000 + 1000));
    await unwrap(client.GET("/v1/agents"));
    const started = performance.now();
    await unwrap(client.GET("/v1/agents"));
    const waited = performance.now() - started;
    const limited = wire.exchanges.filter((e) => e.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(limited[0]?.code).toBe("rate_limited");
    expect(waited).toBeGreaterThanOrEqual(950);
    expect(waited).toBeLessThan(3_000);
    expect(wire.exchanges.at(-1)?.status).toBe(200);
  });

  it("invokes an agent with its own agent key, chosen by slug", async () => {
    const { sandbox, ws, one, two } = await workspace();
    const wire = recording(sandbox.fetch);
    const client = createClient({
      baseUrl: BASE_URL,
      fetch: wire.fetch,
      credentials: ws.owner.user_key.secret,
      agentKeys: { [one.agent.slug]: one.key.secret, [two.agent.slug]: two.key.secret },
    });
    const answer = await unwrap(
      client.POST("/v1/invoke/{agentSlug}", {
        params: { path: { agentSlug: two.agent.slug } },
        body: { input: "hi" },
      }),
    );
    expect(answer).toMatchObject({ output: "echo: hi", agent_id: two.agent.id });
    expect(wire.exchanges[0]?.headers.get("Authorization")).toBe(`Bearer ${two.key.secret}`);
  });

  it("withAgent acts as the chosen agent where the workspace has several", async () => {
    const { client, two } = await workspace();
    const without = await client.POST("/v1/generate", { body: { prompt: "p" } });
    expect(without.error?.code).toBe("agent_context_required");
    const job = await unwrap(
      client.withAgent(two.agent.id).POST("/v1/generate", { body: { prompt: "p" } }),
    );
    expect(job.agent_id).toBe(two.agent.id);
  });

  it("a list's pages walk every item of a list", async () => {
    const { client } = await workspace();
    for (const n of [1, 2, 3])
      await unwrap(client.POST("/v1/agents", { body: { name: `A${n}`, slug: `extra-${n}` } }));
    const slugs: string[] = [];
    for await (const page of (await client.agents.list({ limit: 2 })).iterPages()) {
      expect(page.data.length).toBeLessThanOrEqual(2);
      slugs.push(...page.data.map((a) => a.slug));
    }
    expect(slugs).toEqual(["agent-one", "agent-two", "extra-1", "extra-2", "extra-3"]);
  });

  it("sends keys in X-API-Key or Api-Key when asked, and the sandbox accepts them", async () => {
    const { sandbox, ws } = await workspace();
    for (const authHeader of ["X-API-Key", "Api-Key"] as const) {
      const client = createClient({
        baseUrl: BASE_URL,
        fetch: sandbox.fetch,
        credentials: ws.owner.user_key.secret,
        authHeader,
      });
      const me = await unwrap(client.GET("/v1/auth/whoami"));
      expect(me.principal.kind).toBe("user_key");
    }
  });

  it("throwOnError throws NotFoundError and ValidationError from real answers", async () => {
    const { sandbox, ws } = await workspace();
    const client = createClient({
      baseUrl: BASE_URL,
      fetch: sandbox.fetch,
      credentials: ws.owner.user_key.secret,
      throwOnError: true,
    });
    await expect(
      client.GET("/v1/agents/{agentId}", { params: { path: { agentId: "agt_0000000000000000" } } }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const invalid = await client
      .POST("/v1/agents", { body: { name: "Bad", slug: "Not A Slug" } })
      .catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(ValidationError);
    expect((invalid as ValidationError).errors.map((e) => e.pointer)).toContain("/body/slug");
  });
});
