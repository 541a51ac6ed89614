import type { Middleware } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { createClient, isConnectionError, isNotFoundError, unwrap } from "../../src/index.js";
import {
  accessToken,
  BASE,
  json,
  keys,
  problem,
  type Sent,
  scriptedFetch,
  session,
} from "./scriptedFetch.js";

// Users' openapi-fetch middleware around the SDK's own: each kind of change a middleware may
// make (a new Request, a Response instead of a request, a replaced response, an answer to an
// error), before or after the SDK's middleware, with a session token that expires in the middle.
// Each time the operation gets its own credential, the replay after the refresh carries the same
// body and Idempotency-Key, and nothing else is sent.

const AGENT = "agt_5Rk8Nw3Qz1Lm7Xp4";
const expired = () =>
  problem(
    401,
    "token_expired",
    {},
    { "WWW-Authenticate": 'Bearer realm="latchkey", error="invalid_token"' },
  );

/** A server with one valid access token at a time; `expire()` retires it (refresh issues the next). */
function server(fail?: (request: Request, index: number) => Response | undefined) {
  let issued = 1;
  let valid = 1;
  const scripted = scriptedFetch((request, index) => {
    const url = new URL(request.url);
    if (url.pathname === "/v1/auth/authenticate") return json(session(issued));
    if (url.pathname === "/v1/auth/refresh") {
      valid = ++issued;
      return json(session(issued));
    }
    const failure = fail?.(request, index);
    if (failure) return failure;
    if (url.pathname.startsWith("/v1/invoke/")) {
      return request.headers.get("Authorization") === `Bearer ${keys.agentOne}`
        ? json({ output: "ok", agent_id: AGENT, usage: {} })
        : problem(401, "token_unknown");
    }
    if (request.headers.get("Authorization") !== `Bearer ${accessToken(valid)}`) {
      return expired();
    }
    return request.method === "POST" ? json({ id: "agt_new" }, 201) : json({ data: [] });
  });
  const to = (path: string) => scripted.sent.filter((s) => new URL(s.url).pathname === path);
  const expire = () => {
    valid = 0;
  };
  return { ...scripted, to, expire };
}

function sessionClient(s: ReturnType<typeof server>, extra: object = {}) {
  return createClient({
    baseUrl: BASE,
    credentials: { email: "o@example.test", password: "hunter2" },
    agentKeys: { "agent-one": keys.agentOne },
    fetch: s.fetch,
    now: () => 1_000_000,
    maxRetries: 2,
    retryBackoff: { baseDelayMs: 1, maxDelayMs: 1 },
    ...extra,
  });
}

/** Signs in, then retires the token: the next call meets `token_expired` and must replay. */
async function signedInThenExpired(
  client: ReturnType<typeof sessionClient>,
  s: ReturnType<typeof server>,
) {
  await unwrap(client.GET("/v1/agents"));
  s.expire();
}

/** The two attempts of one POST around a refresh: same body and key, old then new token. */
function expectReplayed(attempts: Sent[], body: unknown) {
  expect(attempts).toHaveLength(2);
  const [first, second] = attempts as [Sent, Sent];
  expect(first.headers.get("Authorization")).toBe(`Bearer ${accessToken(1)}`);
  expect(second.headers.get("Authorization")).toBe(`Bearer ${accessToken(2)}`);
  expect(JSON.parse(first.body)).toEqual(body);
  expect(second.body).toBe(first.body);
  expect(first.headers.get("Idempotency-Key")).toMatch(/^[0-9a-f-]{32,36}$/);
  expect(second.headers.get("Idempotency-Key")).toBe(first.headers.get("Idempotency-Key"));
}

const newRequestWithHeader: Middleware = {
  onRequest({ request }) {
    const headers = new Headers(request.headers);
    headers.set("X-Trace", "t-1");
    return new Request(request, { headers });
  },
};

describe("users' middleware around the SDK's", () => {
  it("an onRequest after the SDK's that returns new Request(req, { headers }) keeps credential, body and key through a refresh", async () => {
    const s = server();
    const client = sessionClient(s);
    client.use(newRequestWithHeader);
    await signedInThenExpired(client, s);
    const body = { name: "Researcher", slug: "researcher" };
    const { response } = await client.POST("/v1/agents", { body });
    expect(response.status).toBe(201);
    const attempts = s.to("/v1/agents").filter((a) => a.method === "POST");
    expectReplayed(attempts, body);
    expect(attempts.map((a) => a.headers.get("X-Trace"))).toEqual(["t-1", "t-1"]);
    expect(s.to("/v1/auth/refresh")).toHaveLength(1);
    // The invoke operation gets the agent key of its slug, never the session, through it too.
    await unwrap(
      client.POST("/v1/invoke/{agentSlug}", {
        params: { path: { agentSlug: "agent-one" } },
        body: { input: "hi" },
      }),
    );
    const invoke = s.to("/v1/invoke/agent-one")[0];
    expect(invoke?.headers.get("Authorization")).toBe(`Bearer ${keys.agentOne}`);
    expect(invoke?.headers.get("X-Trace")).toBe("t-1");
  });

  it("an onRequest before the SDK's that returns new Request(req, { headers }) gets the credential and the replay too", async () => {
    const s = server();
    const client = sessionClient(s, { middleware: [newRequestWithHeader] });
    await signedInThenExpired(client, s);
    const body = { name: "Writer", slug: "writer" };
    const { response } = await client.withAgent(AGENT).POST("/v1/agents", { body });
    expect(response.status).toBe(201);
    const attempts = s.to("/v1/agents").filter((a) => a.method === "POST");
    expectReplayed(attempts, body);
    expect(attempts.map((a) => a.headers.get("X-Trace"))).toEqual(["t-1", "t-1"]);
    // createAgent has no agent context: withAgent adds no X-Agent-ID to it.
    expect(attempts[0]?.headers.get("X-Agent-ID")).toBeNull();
  });

  it("an onRequest that returns a Response short-circuits: nothing is sent, and other calls keep their credential and replay", async () => {
    const cached = () => json({ principal: { kind: "user" } });
    const cache: Middleware = {
      onRequest({ schemaPath }) {
        return schemaPath === "/v1/auth/whoami" ? cached() : undefined;
      },
    };
    for (const placement of ["before", "after"] as const) {
      const s = server();
      const client = sessionClient(s, placement === "before" ? { middleware: [cache] } : {});
      if (placement === "after") client.use(cache);
      await signedInThenExpired(client, s);
      const { data } = await client.GET("/v1/auth/whoami");
      expect(data, placement).toEqual({ principal: { kind: "user" } });
      expect(s.to("/v1/auth/whoami"), placement).toHaveLength(0);
      const body = { name: "Cached", slug: "cached" };
      await unwrap(client.POST("/v1/agents", { body }));
      expectReplayed(
        s.to("/v1/agents").filter((a) => a.method === "POST"),
        body,
      );
    }
  });

  it("an onResponse that replaces the response sees the answer after the refresh, and its errors stay typed and secret-free", async () => {
    const s = server();
    const client = sessionClient(s);
    const seen: number[] = [];
    client.use({
      async onResponse({ response }) {
        seen.push(response.status);
        const headers = new Headers(response.headers);
        headers.set("X-Seen", "1");
        return new Response(response.body, { status: response.status, headers });
      },
    });
    await signedInThenExpired(client, s);
    const body = { name: "Replaced", slug: "replaced" };
    const { response } = await client.POST("/v1/agents", { body });
    expect(response.headers.get("X-Seen")).toBe("1");
    expectReplayed(
      s.to("/v1/agents").filter((a) => a.method === "POST"),
      body,
    );
    // The refresh happened beneath: the middleware saw the sign-in GET's 200 and the final 201.
    expect(seen).toEqual([200, 201]);
    // A replaced error response still gives an error naming method and URL, without a secret.
    const failing = sessionClient(server(() => problem(404, "not_found")));
    failing.use({ onResponse: ({ response }) => new Response(response.body, response) });
    const error = await unwrap(
      failing.GET("/v1/agents/{agentId}", { params: { path: { agentId: AGENT } } }),
    ).then(
      () => new Error("resolved"),
      (e: unknown) => e as Error,
    );
    expect(isNotFoundError(error)).toBe(true);
    expect(`${error.message}${error.stack}`).not.toContain(accessToken(1));
  });

  it("an onError sees the SDK's typed error only after the refresh and the retries, each with the same body and key", async () => {
    const s = server((request, index) => {
      // After the sign-in and the expired attempt, the connection fails for good.
      if (request.method === "POST" && index > 2) throw new TypeError("fetch failed");
      return undefined;
    });
    const client = sessionClient(s);
    const errors: unknown[] = [];
    client.use({
      onError({ error }) {
        errors.push(error);
        return json({ id: "agt_offline" }, 202);
      },
    });
    await signedInThenExpired(client, s);
    const body = { name: "Offline", slug: "offline" };
    const { data, response } = await client.POST("/v1/agents", { body });
    expect(response.status).toBe(202);
    expect(data).toEqual({ id: "agt_offline" });
    expect(errors).toHaveLength(1);
    expect(isConnectionError(errors[0])).toBe(true);
    expect(String(errors[0])).not.toContain(accessToken(2));
    // Expired attempt, replay after the refresh, then two retries: one key, one body throughout.
    const attempts = s.to("/v1/agents").filter((a) => a.method === "POST");
    expect(attempts).toHaveLength(4);
    expectReplayed(attempts.slice(0, 2), body);
    for (const attempt of attempts.slice(2)) {
      expect(attempt.body).toBe(attempts[0]?.body);
      expect(attempt.headers.get("Idempotency-Key")).toBe(
        attempts[0]?.headers.get("Idempotency-Key"),
      );
      expect(attempt.headers.get("Authorization")).toBe(`Bearer ${accessToken(2)}`);
    }
  });

  it("a middleware after the SDK's that sends the request to another origin sends it without the credential", async () => {
    const s = server(() => json({ data: [] }));
    const client = sessionClient(s);
    client.use({
      onRequest: ({ request }) => new Request(`https://elsewhere.test/v1/agents`, request),
    });
    await client.withAgent(AGENT).GET("/v1/agents");
    const sent = s.sent.find((r) => r.url.startsWith("https://elsewhere.test"));
    expect(sent?.headers.get("Authorization")).toBeNull();
    expect(sent?.headers.get("X-Agent-ID")).toBeNull();
  });

  it("a credential a later middleware put in its place is neither replaced nor renewed", async () => {
    const s = server();
    const client = sessionClient(s);
    await signedInThenExpired(client, s);
    client.use({
      onRequest({ request }) {
        request.headers.set("Authorization", `Bearer ${keys.user}`);
      },
    });
    const { response } = await client.GET("/v1/agents");
    expect(response.status).toBe(401);
    expect(s.to("/v1/auth/refresh")).toHaveLength(0);
    expect(s.to("/v1/agents").at(-1)?.headers.get("Authorization")).toBe(`Bearer ${keys.user}`);
  });
});
