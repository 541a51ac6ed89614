import { describe, expect, it, vi } from "vitest";
import { AuthenticationError, createClient, SessionExpiredError } from "../../src/index.js";
import { accessToken, BASE, json, problem, scriptedFetch, session } from "./scriptedFetch.js";

const expired = () =>
  problem(
    401,
    "token_expired",
    {},
    { "WWW-Authenticate": 'Bearer realm="latchkey", error="invalid_token"' },
  );

describe("the end of a session", () => {
  it("ends the session when refresh is refused: SessionExpiredError, one event, no more network", async () => {
    const scripted = scriptedFetch((request) =>
      new URL(request.url).pathname === "/v1/auth/refresh"
        ? problem(
            401,
            "refresh_token_reused",
            {},
            { "WWW-Authenticate": 'Bearer error="invalid_token"' },
          )
        : expired(),
    );
    const ended = vi.fn();
    const client = createClient({
      baseUrl: BASE,
      credentials: {
        accessToken: accessToken(1),
        refreshToken: session(1).refresh_token,
        expiresAt: 0,
      },
      fetch: scripted.fetch,
      onSessionEnded: ended,
    });
    const listener = vi.fn();
    client.on("sessionEnded", listener);
    const first = await client.GET("/v1/agents").catch((error: unknown) => error);
    expect(first).toBeInstanceOf(SessionExpiredError);
    expect(first).toBeInstanceOf(AuthenticationError);
    expect((first as SessionExpiredError).code).toBe("refresh_token_reused");
    const before = scripted.sent.length;
    await expect(client.GET("/v1/agents")).rejects.toBeInstanceOf(SessionExpiredError);
    expect(scripted.sent.length).toBe(before);
    expect(ended).toHaveBeenCalledOnce();
    expect(listener).toHaveBeenCalledOnce();
  });

  it.each([
    [503, "internal_error"],
    [429, "rate_limited"],
    [408, "timeout"],
  ])(
    "keeps the session when refresh meets a %i, and refreshes on the next request",
    async (status, code) => {
      let failing = true;
      const scripted = scriptedFetch((request) => {
        if (new URL(request.url).pathname !== "/v1/auth/refresh")
          return json({ data: [], next_cursor: null });
        return failing ? problem(status, code) : json(session(2));
      });
      const client = createClient({
        baseUrl: BASE,
        credentials: {
          accessToken: accessToken(1),
          refreshToken: session(1).refresh_token,
          expiresAt: 0,
        },
        fetch: scripted.fetch,
      });
      await expect(client.GET("/v1/agents")).rejects.toMatchObject({
        status,
        method: "POST",
        url: `${BASE}/v1/auth/refresh`,
      });
      failing = false;
      const { response } = await client.GET("/v1/agents");
      expect(response.status).toBe(200);
    },
  );
});
