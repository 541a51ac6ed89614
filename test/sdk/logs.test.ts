import { afterEach, describe, expect, it } from "vitest";
import { createClient, type Logger, type SessionTokens } from "../../src/index.js";
import { BASE_URL, newSandbox } from "./sandboxFixture.js";

function collecting() {
  const lines: string[] = [];
  const logger: Logger = {
    error: (m) => lines.push(m),
    warn: (m) => lines.push(m),
    info: (m) => lines.push(m),
    debug: (m) => lines.push(m),
  };
  return { lines, logger };
}

describe("logs", () => {
  afterEach(() => {
    delete process.env.LATCHKEY_LOG;
  });

  it("a debug log of sign-in, refresh, retry and invoke shows each step and holds no secret", async () => {
    const sandbox = newSandbox();
    const ws = await sandbox.createWorkspace();
    const [one] = ws.agents;
    if (!one) throw new Error("no agent");
    const { lines, logger } = collecting();
    const tokens: SessionTokens[] = [];
    const client = createClient({
      baseUrl: BASE_URL,
      fetch: sandbox.fetch,
      credentials: { email: ws.owner.user.email, password: ws.owner.password },
      agentKeys: { [one.agent.slug]: one.key.secret },
      onTokens: (t) => {
        tokens.push(t);
      },
      retryBackoff: { baseDelayMs: 1, maxDelayMs: 1 },
      logLevel: "debug",
      logger,
    });
    await client.auth.whoami(); // signs in
    await sandbox.faults.add({
      workspace_id: ws.workspace.id,
      match: { operation_id: "listAgents" },
      action: { type: "status", status: 503 },
    });
    await client.agents.list(); // retried once
    sandbox.clock.advance("20m"); // the access token expires: the next call renews it
    await client.agents.retrieve(one.agent.id);
    await client.agents.invoke(one.agent.slug, { input: "hello" });
    // A malformed key where an id belongs, and a signed token in a query, are redacted too.
    await client.agents.retrieve("lk_usr_test_short").catch(() => undefined);
    const link = await client.downloads.url(one.agent.id, "hello.txt");
    const token = new URL(link).searchParams.get("token") ?? "no token";
    await client.GET("/v1/downloads/{agentId}/{filename}", {
      // The spec types no `token` query parameter (it is a security scheme): sent regardless.
      params: { path: { agentId: one.agent.id, filename: "hello.txt" }, query: { token } as never },
      parseAs: "text",
    });
    const log = lines.join("\n");
    expect(log).toMatch(/session: POST \S+\/v1\/auth\/authenticate → 200 req_\w+ after \d+ ms/);
    expect(log).toMatch(/session: POST \S+\/v1\/auth\/refresh → 200/);
    expect(log).toMatch(/retry 1 of 2 for GET \S+\/v1\/agents in \d+ ms: 503/);
    expect(log).toMatch(/GET \S+\/v1\/agents → 503 req_\w+ after \d+ ms/);
    expect(log).toMatch(/POST \S+\/v1\/invoke\/agent-one → 200 req_\w+ after \d+ ms/);
    expect(log).toContain("/v1/agents/[redacted] → 400");
    expect(log).toContain("hello.txt?token=[redacted] → ");
    const secrets = [
      ws.owner.password,
      ws.owner.user_key.secret,
      one.key.secret,
      "lk_usr_test_short",
      token,
      ...tokens.flatMap((t) => [t.accessToken, t.refreshToken]),
    ];
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    for (const secret of secrets) expect(log).not.toContain(secret);
    expect(log).not.toMatch(/lk_[a-z]+_(?!\[)|eyJ/);
  });

  it("logs nothing by default, and what LATCHKEY_LOG asks where process exists", async () => {
    const sandbox = newSandbox();
    const ws = await sandbox.createWorkspace();
    const quiet = collecting();
    const options = {
      baseUrl: BASE_URL,
      fetch: sandbox.fetch,
      credentials: ws.owner.user_key.secret,
    };
    await createClient({ ...options, logger: quiet.logger }).agents.list();
    expect(quiet.lines).toEqual([]);
    process.env.LATCHKEY_LOG = "debug";
    const loud = collecting();
    await createClient({ ...options, logger: loud.logger }).agents.list();
    expect(loud.lines).toEqual([
      expect.stringMatching(/^latchkey debug: GET \S+\/v1\/agents → 200/),
    ]);
    const chosen = collecting();
    await createClient({ ...options, logger: chosen.logger, logLevel: "warn" }).agents.list();
    expect(chosen.lines).toEqual([]);
  });

  it("refuses an unknown logLevel", () => {
    expect(() => createClient({ baseUrl: BASE_URL, logLevel: "verbose" as "debug" })).toThrow(
      /unknown logLevel "verbose"/,
    );
  });
});
