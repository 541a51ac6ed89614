import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  createClient,
  SessionExpiredError,
  type SessionTokens,
  unwrap,
} from "../../src/index.js";
import { BASE_URL, newSandbox, recording } from "./sandboxFixture.js";

async function signedIn(options: { sandboxClock: boolean }) {
  const sandbox = newSandbox();
  const ws = await sandbox.createWorkspace();
  const wire = recording(sandbox.fetch);
  const tokens: SessionTokens[] = [];
  const client = createClient({
    baseUrl: BASE_URL,
    fetch: wire.fetch,
    credentials: { email: ws.owner.user.email, password: ws.owner.password },
    // The SDK's clock: either the sandbox's (they move together) or real time (it never learns).
    now: options.sandboxClock ? () => sandbox.clock.now().getTime() : Date.now,
    onTokens: (t) => {
      tokens.push(t);
    },
  });
  await unwrap(client.GET("/v1/auth/whoami"));
  return { sandbox, ws, wire, client, tokens };
}

describe("sessions against the sandbox", () => {
  it("makes exactly one refresh for 100 concurrent requests once the session expired", async () => {
    const { sandbox, wire, client } = await signedIn({ sandboxClock: true });
    sandbox.clock.advance("16m");
    const results = await Promise.all(Array.from({ length: 100 }, () => client.GET("/v1/agents")));
    expect(results.filter((r) => r.response.status === 200)).toHaveLength(100);
    expect(wire.to("/v1/auth/refresh")).toHaveLength(1);
    expect(wire.exchanges.filter((e) => e.status === 401)).toHaveLength(0);
  });

  it("makes exactly one refresh when 100 concurrent requests all meet token_expired", async () => {
    const { sandbox, wire, client } = await signedIn({ sandboxClock: false });
    sandbox.clock.advance("16m"); // only the server knows
    const results = await Promise.all(Array.from({ length: 100 }, () => client.GET("/v1/agents")));
    expect(results.filter((r) => r.response.status === 200)).toHaveLength(100);
    expect(wire.to("/v1/auth/refresh")).toHaveLength(1);
    expect(wire.exchanges.filter((e) => e.code === "token_expired")).toHaveLength(100);
  });

  it("replays a POST whose token expired with the same body and Idempotency-Key, creating once", async () => {
    const { sandbox, wire, client } = await signedIn({ sandboxClock: false });
    sandbox.clock.advance("16m");
    const agent = await unwrap(
      client.POST("/v1/agents", { body: { name: "Replayed", slug: "replayed" } }),
    );
    expect(agent.slug).toBe("replayed");
    const [rejected, replayed] = wire.to("/v1/agents").filter((e) => e.method === "POST");
    expect(rejected?.code).toBe("token_expired");
    expect(replayed?.status).toBe(201);
    expect(replayed?.body).toBe(rejected?.body);
    expect(replayed?.headers.get("Idempotency-Key")).toBe(rejected?.headers.get("Idempotency-Key"));
    const { data } = await unwrap(client.GET("/v1/agents"));
    expect(data.filter((a) => a.slug === "replayed")).toHaveLength(1);
  });

  it("refreshes ahead of expiry, inside the margin, without meeting a 401", async () => {
    const { sandbox, wire, client } = await signedIn({ sandboxClock: true });
    sandbox.clock.advance(870); // 14.5 minutes (in seconds): 30 s before expiry, inside the margin
    await unwrap(client.GET("/v1/agents"));
    expect(wire.to("/v1/auth/refresh")).toHaveLength(1);
    expect(wire.exchanges.filter((e) => e.status === 401)).toHaveLength(0);
    sandbox.clock.advance("1m"); // the old token has expired by now; the new one has not
    await unwrap(client.GET("/v1/agents"));
    expect(wire.exchanges.filter((e) => e.status === 401)).toHaveLength(0);
  });

  it("restores a session from the tokens onTokens persisted", async () => {
    const { sandbox, tokens } = await signedIn({ sandboxClock: true });
    const stored = JSON.parse(JSON.stringify(tokens.at(-1))) as SessionTokens;
    const restored = createClient({ baseUrl: BASE_URL, fetch: sandbox.fetch, credentials: stored });
    const me = await unwrap(restored.GET("/v1/auth/whoami"));
    expect(me.principal.kind).toBe("session");
  });

  it("ends the session of a reused refresh token with a bounded number of requests", async () => {
    const { sandbox, tokens } = await signedIn({ sandboxClock: true });
    const stolen = { ...(tokens[0] as SessionTokens), expiresAt: 0 }; // both refresh at once
    const first = recording(sandbox.fetch);
    const second = recording(sandbox.fetch);
    const a = createClient({ baseUrl: BASE_URL, fetch: first.fetch, credentials: stolen });
    const b = createClient({ baseUrl: BASE_URL, fetch: second.fetch, credentials: stolen });
    await unwrap(a.GET("/v1/agents")); // a refreshes with the token, retiring it
    const ended: unknown[] = [];
    b.on("sessionEnded", (e) => ended.push(e));
    const failure = await b.GET("/v1/agents").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SessionExpiredError);
    expect((failure as SessionExpiredError).code).toBe("refresh_token_reused");
    expect(ended).toEqual([failure]);
    await expect(b.GET("/v1/agents")).rejects.toBeInstanceOf(SessionExpiredError);
    expect(second.exchanges.map((e) => e.path)).toEqual(["/v1/auth/refresh"]);
    // Reuse revoked the whole family: a's access token now fails, once, without a refresh loop.
    const revoked = await unwrap(a.GET("/v1/agents")).catch((e: unknown) => e);
    expect(revoked).toBeInstanceOf(AuthenticationError);
    expect((revoked as AuthenticationError).code).toBe("token_revoked");
    expect(first.exchanges.filter((e) => e.path === "/v1/auth/refresh")).toHaveLength(1);
  });

  it("ends a session whose password is wrong with SessionExpiredError invalid_credentials", async () => {
    const sandbox = newSandbox();
    const ws = await sandbox.createWorkspace();
    const client = createClient({
      baseUrl: BASE_URL,
      fetch: sandbox.fetch,
      credentials: { email: ws.owner.user.email, password: "not-the-password" },
    });
    await expect(client.GET("/v1/agents")).rejects.toMatchObject({
      name: "SessionExpiredError",
      status: 401,
      code: "invalid_credentials",
    });
  });
});
