// The README's usage snippets, run against the in-process sandbox. Each test body between the
// "README" markers is copied into the README as is (imports there come from "latchkey" and
// "latchkey/mock"); the lines around them only set the scene and check the outcome.
import { beforeEach, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../mock/index.js";
import {
  createClient,
  isApiError,
  isNotFoundError,
  isPermissionDeniedError,
  isRateLimitError,
  type SessionTokens,
  unwrap,
} from "../../src/index.js";

let sandbox: Sandbox;
let ws: Awaited<ReturnType<Sandbox["createWorkspace"]>>;
const baseUrl = "http://127.0.0.1:4010";
const fetch = (request: Request) => sandbox.fetch(request);
const store = new Map<string, string>();

beforeEach(async () => {
  sandbox = createSandbox();
  ws = await sandbox.createWorkspace();
});

describe("README examples", () => {
  it("resource methods", async () => {
    const apiKey = ws.owner.user_key.secret;
    const agentId = ws.agents[0]?.agent.id ?? "";
    // README: resource methods
    const client = createClient({ baseUrl, credentials: apiKey, fetch });

    const agent = await client.agents.create({ name: "Researcher", slug: "researcher" });
    const key = await client.agents.keys.create(agent.id, { name: "prod" }); // key.secret, once
    await client.agents.keys.rotate(agent.id, key.id, { grace_period: "1h" });

    const slugs: string[] = [];
    for await (const each of client.agents.list({ limit: 50 })) slugs.push(each.slug); // all pages
    const page = await client.agents.list({ limit: 2 }); // page.data, page.hasNextPage()
    const next = page.hasNextPage() ? await page.getNextPage() : undefined;

    const { data: me, requestId } = await client.auth.whoami().withResponse();
    const file = await client.downloads.retrieve(agentId, "hello.txt"); // a Uint8Array
    // /README
    expect(agent.slug).toBe("researcher");
    expect(slugs).toHaveLength(3);
    expect(next?.data).toHaveLength(1);
    expect(me.workspace_id).toBe(ws.workspace.id);
    expect(requestId).toMatch(/^req_/);
    expect(file.byteLength).toBeGreaterThan(0);
  });

  it("per-request options and logs", async () => {
    const apiKey = ws.owner.user_key.secret;
    const agentId = ws.agents[0]?.agent.id ?? "";
    const lines: string[] = [];
    const logger = { error: log, warn: log, info: log, debug: log };
    function log(line: string) {
      lines.push(line);
    }
    // README: per-request options and logs
    const client = createClient({ baseUrl, credentials: apiKey, fetch, logLevel: "debug", logger });

    const job = await client.jobs.create(
      { prompt: "Draft a release note" },
      { agentId, idempotencyKey: "release-note-42", timeout: 5_000, maxRetries: 0 },
    );
    await client.GET("/v1/generate/{jobId}", {
      params: { path: { jobId: job.id } },
      timeout: 5_000,
    });
    // logger.debug("latchkey debug: POST http://127.0.0.1:4010/v1/generate → 201 req_… after 3 ms")
    // /README
    expect(lines[0]).toMatch(/^latchkey debug: POST \S+\/v1\/generate → 201 req_\w+ after \d+ ms$/);
    expect(lines.join("\n")).not.toContain(apiKey);
  });

  it("an API key", async () => {
    const apiKey = ws.owner.user_key.secret;
    // README: an API key
    const client = createClient({ baseUrl, credentials: apiKey, fetch });

    const { data, error } = await client.GET("/v1/agents", { params: { query: { limit: 20 } } });
    if (error) throw new Error(`${error.code}: ${error.detail}`);
    const names = data.data.map((agent) => agent.name);
    // /README
    expect(names).toHaveLength(2);
  });

  it("a token from your identity provider", async () => {
    const identityProvider = { getToken: async () => ws.owner.user_key.secret };
    // README: a token from your own provider, asked for on every request
    const client = createClient({
      baseUrl,
      credentials: { getToken: () => identityProvider.getToken() },
      fetch,
    });
    const me = await unwrap(client.GET("/v1/auth/whoami"));
    // /README
    expect(me.workspace_id).toBe(ws.workspace.id);
  });

  it("a session that refreshes itself and persists its tokens", async () => {
    const { email } = ws.owner.user;
    const password = ws.owner.password;
    // README: a session, persisted across restarts
    const saved = store.get("latchkey-session");
    const client = createClient({
      baseUrl,
      fetch,
      credentials: saved ? (JSON.parse(saved) as SessionTokens) : { email, password },
      onTokens: (tokens) => {
        store.set("latchkey-session", JSON.stringify(tokens));
      },
      onSessionEnded: () => {
        store.delete("latchkey-session"); // sign in again
      },
    });
    const me = await unwrap(client.GET("/v1/auth/whoami"));
    // /README
    expect(me.principal.kind).toBe("session");
    expect(JSON.parse(store.get("latchkey-session") ?? "{}")).toHaveProperty("refreshToken");
  });

  it("agent keys and agent context", async () => {
    const userKey = ws.owner.user_key.secret;
    const [one] = ws.agents;
    const agentOneKey = one?.key.secret ?? "";
    const agentId = one?.agent.id ?? "";
    // README: agents — their keys by slug for invoke, and acting as an agent
    const client = createClient({
      baseUrl,
      fetch,
      credentials: userKey,
      agentKeys: { "agent-one": agentOneKey },
    });
    const answer = await unwrap(
      client.POST("/v1/invoke/{agentSlug}", {
        params: { path: { agentSlug: "agent-one" } },
        body: { input: "Summarise the quarterly report." },
      }),
    );
    const asAgent = client.withAgent(agentId); // sends X-Agent-ID where an operation acts as an agent
    const job = await unwrap(
      asAgent.POST("/v1/generate", { body: { prompt: "Draft a release note" } }),
    );
    // /README
    expect(answer.output).toBe("echo: Summarise the quarterly report.");
    expect(job.agent_id).toBe(agentId);
  });

  it("errors: unwrap, throwOnError and instanceof", async () => {
    const viewer = await sandbox.createUser(ws.workspace.id, { role: "viewer" });
    const viewerKey = viewer.user_key.secret;
    const outcomes: string[] = [];
    const report = (message: string) => outcomes.push(message);
    // README: errors
    const client = createClient({ baseUrl, fetch, credentials: viewerKey });
    try {
      await unwrap(client.POST("/v1/agents", { body: { name: "Researcher", slug: "researcher" } }));
    } catch (error) {
      if (isPermissionDeniedError(error)) {
        report(`missing scopes: ${error.requiredScopes.join(", ")}`); // from WWW-Authenticate
      } else if (isRateLimitError(error)) {
        report(`retry in ${error.retryAfter} s`);
      } else if (isApiError(error)) {
        report(`${error.status} ${error.code} (request ${error.requestId})`);
      } else {
        throw error;
      }
    }

    const strict = createClient({ baseUrl, fetch, credentials: viewerKey, throwOnError: true });
    const { data: agents } = await strict.GET("/v1/agents"); // resolves with data, or throws
    await strict
      .GET("/v1/agents/{agentId}", { params: { path: { agentId: "agt_0000000000000000" } } })
      .catch((error) => {
        if (isNotFoundError(error)) report("no such agent");
      });
    // /README
    expect(outcomes).toEqual(["missing scopes: agents:write", "no such agent"]);
    expect(agents.data).toHaveLength(2);
  });

  it("middleware", async () => {
    const apiKey = ws.owner.user_key.secret;
    const traced: string[] = [];
    // README: middleware
    const client = createClient({ baseUrl, fetch, credentials: apiKey });
    client.use({
      onRequest({ request }) {
        const headers = new Headers(request.headers);
        headers.set("X-Trace-Id", crypto.randomUUID());
        return new Request(request, { headers }); // a new Request is fine
      },
      onResponse({ request, response }) {
        traced.push(`${request.method} ${response.status} ${request.headers.get("X-Trace-Id")}`);
      },
    });
    await unwrap(client.GET("/v1/agents"));
    // /README
    expect(traced).toEqual([expect.stringMatching(/^GET 200 [0-9a-f-]{36}$/)]);
  });

  it("streaming a job's progress", async () => {
    const client = createClient({ baseUrl, fetch, credentials: ws.owner.user_key.secret });
    const agentId = ws.agents[0]?.agent.id ?? "";
    const progress: number[] = [];
    let artifact = "";
    // README: streaming a job's progress
    const job = await unwrap(
      client.withAgent(agentId).POST("/v1/generate", { body: { prompt: "Draft", steps: 3 } }),
    );
    for await (const event of client.jobs.stream(job.id)) {
      if (event.event === "progress") progress.push(event.data.progress); // the last one is 100
      if (event.event === "done") artifact = event.data.artifact.filename;
      if (event.event === "error") throw new Error(event.data.detail);
    }
    // In a browser, EventSource cannot send headers: give it a URL with a stream token.
    const url = await client.jobs.streamUrl(job.id); // new EventSource(url)
    // /README
    expect(progress).toEqual([33, 67, 100]);
    expect(artifact).not.toBe("");
    expect(url).toContain("token=lk_stt_test_");
  });

  it("downloads", async () => {
    const client = createClient({ baseUrl, fetch, credentials: ws.owner.user_key.secret });
    const agentId = ws.agents[0]?.agent.id ?? "";
    // README: downloads — a link that needs no header, for <a href> or window.open
    const url = await client.downloads.url(agentId, "hello.txt", { expires_in: "10m" });
    const response = await fetch(new Request(url)); // in a browser: <a href={url}>
    // /README
    expect(await response.text()).toBe(`Hello from agent ${agentId}.\n`);
  });

  it("testing against the sandbox, with its clock", async () => {
    // README: tests against the in-process sandbox
    const sandbox = createSandbox();
    const { owner } = await sandbox.createWorkspace();
    const client = createClient({
      baseUrl: "http://127.0.0.1:4010", // any URL: nothing listens, sandbox.fetch answers
      fetch: sandbox.fetch,
      credentials: { email: owner.user.email, password: owner.password },
      now: () => sandbox.clock.now().getTime(), // the SDK's clock moves with the sandbox's
    });
    await unwrap(client.GET("/v1/agents"));
    sandbox.clock.advance("16m"); // the session expires; the client refreshes it by itself
    const { response } = await client.GET("/v1/agents");
    // /README
    expect(response.status).toBe(200);
  });
});
