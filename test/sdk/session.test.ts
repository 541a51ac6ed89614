import { describe, expect, it, vi } from "vitest";
import { createClient, type SessionTokens } from "../../src/index.js";
import { accessToken, BASE, json, problem, scriptedFetch, session } from "./scriptedFetch.js";

const expired = () =>
  problem(
    401,
    "token_expired",
    {},
    { "WWW-Authenticate": 'Bearer realm="latchkey", error="invalid_token"' },
  );

/** A scripted server with one valid access token at a time; refresh issues the next. */
function sessionServer() {
  let current = 1;
  const scripted = scriptedFetch((request) => {
    const path = new URL(request.url).pathname;
    if (path === "/v1/auth/authenticate") return json(session(current));
    if (path === "/v1/auth/refresh") return json(session(++current));
    const sent = request.headers.get("Authorization");
    return sent === `Bearer ${accessToken(current)}`
      ? json({ data: [], next_cursor: null })
      : expired();
  });
  const count = (path: string) =>
    scripted.sent.filter((r) => new URL(r.url).pathname === path).length;
  /** Retires the current token server-side; the next refresh issues token current + 2. */
  const expire = () => current++;
  return { ...scripted, count, expire };
}

describe("sessions", () => {
  it("signs in with email and password on the first request and hands the tokens to onTokens", async () => {
    const server = sessionServer();
    const onTokens = vi.fn<(tokens: SessionTokens) => void>();
    const client = createClient({
      baseUrl: BASE,
      credentials: { email: "o@example.test", password: "pw" },
      fetch: server.fetch,
      onTokens,
      now: () => 1_000_000,
    });
    const { response } = await client.GET("/v1/agents");
    expect(response.status).toBe(200);
    expect(JSON.parse(server.sent[0]?.body ?? "")).toEqual({
      email: "o@example.test",
      password: "pw",
    });
    expect(server.sent[1]?.headers.get("Authorization")).toBe(`Bearer ${accessToken(1)}`);
    expect(onTokens).toHaveBeenCalledOnce();
    expect(onTokens.mock.calls[0]?.[0]).toEqual({
      accessToken: accessToken(1),
      refreshToken: session(1).refresh_token,
      expiresAt: new Date(1_000_000 + 900_000).toISOString(),
    });
  });

  it("makes exactly one refresh for 100 concurrent requests that meet an expired token", async () => {
    const server = sessionServer();
    const client = createClient({
      baseUrl: BASE,
      credentials: {
        accessToken: accessToken(1),
        refreshToken: session(1).refresh_token,
        expiresAt: Date.now() + 600_000,
      },
      fetch: server.fetch,
    });
    server.expire(); // the server moved on; the client does not know yet
    const results = await Promise.all(Array.from({ length: 100 }, () => client.GET("/v1/agents")));
    expect(results.every((r) => r.response.status === 200)).toBe(true);
    expect(server.count("/v1/auth/refresh")).toBe(1);
  });

  it("replays a POST whose token expired with the same body and the same Idempotency-Key", async () => {
    const server = sessionServer();
    const client = createClient({
      baseUrl: BASE,
      credentials: {
        accessToken: accessToken(1),
        refreshToken: session(1).refresh_token,
        expiresAt: Date.now() + 600_000,
      },
      fetch: server.fetch,
    });
    server.expire();
    const { response } = await client.POST("/v1/agents", {
      body: { name: "Replayed", slug: "replayed" },
    });
    expect(response.status).toBe(200);
    const posts = server.sent.filter((r) => r.url.endsWith("/v1/agents"));
    expect(posts).toHaveLength(2);
    expect(posts[1]?.body).toBe(posts[0]?.body);
    expect(JSON.parse(posts[1]?.body ?? "")).toEqual({ name: "Replayed", slug: "replayed" });
    expect(posts[1]?.headers.get("Idempotency-Key")).toBe(posts[0]?.headers.get("Idempotency-Key"));
    expect(posts[1]?.headers.get("Authorization")).toBe(`Bearer ${accessToken(3)}`);
  });

  it("refreshes ahead of expiry, within the margin, without meeting a 401", async () => {
    const server = sessionServer();
    let now = 1_000_000;
    const client = createClient({
      baseUrl: BASE,
      credentials: { email: "o@example.test", password: "pw" },
      fetch: server.fetch,
      now: () => now,
      refreshMarginMs: 60_000,
    });
    await client.GET("/v1/agents");
    now += 900_000 - 59_000; // 59 s before expiry: inside the margin
    // The server would still accept token 1; the client refreshes anyway.
    const { response } = await client.GET("/v1/agents");
    expect(response.status).toBe(200);
    expect(server.count("/v1/auth/refresh")).toBe(1);
    expect(
      server.sent.some(
        (r) =>
          r.headers.get("Authorization") === `Bearer ${accessToken(1)}` &&
          r.url.endsWith("/v1/agents"),
      ),
    ).toBe(true);
  });

  it("replays only once: a second token_expired is returned, not refreshed again", async () => {
    const scripted = scriptedFetch((request) =>
      new URL(request.url).pathname === "/v1/auth/refresh" ? json(session(2)) : expired(),
    );
    const client = createClient({
      baseUrl: BASE,
      credentials: {
        accessToken: accessToken(1),
        refreshToken: session(1).refresh_token,
        expiresAt: Date.now() + 600_000,
      },
      fetch: scripted.fetch,
    });
    const { error, response } = await client.GET("/v1/agents");
    expect(response.status).toBe(401);
    expect(error?.code).toBe("token_expired");
    expect(scripted.sent).toHaveLength(3);
  });
});
