// The session's rules, one test each, at the layer that owns them: a SessionManager over a
// scripted fetch and a fixed clock. When it signs in or refreshes, which answers end the session
// and which keep it for the next request, how a stalled or broken exchange is reported, where
// the refresh margin falls, and that one exchange serves everyone who asks at the same time.
import { describe, expect, it, vi } from "vitest";
import { createOpenApiClient } from "../../src/createOpenApiClient.js";
import { type SessionDeps, SessionManager } from "../../src/credentials/SessionManager.js";
import type { paths } from "../../src/generated/schema.js";
import {
  isApiError,
  isConnectionError,
  isSessionExpiredError,
  isTimeoutError,
  SessionExpiredError,
} from "../../src/index.js";
import {
  type Answer,
  accessToken,
  BASE,
  json,
  problem,
  scriptedFetch,
  session,
} from "./scriptedFetch.js";

const NOW = 1_000_000_000_000;
const MARGIN = 60_000;
const LOGIN = { email: "o@example.test", password: "pw" };
const REFRESH_URL = `${BASE}/v1/auth/refresh`;
const LOGIN_URL = `${BASE}/v1/auth/authenticate`;

/** A manager over a scripted server; by default refresh n answers with session n + 1. */
function setup(
  init: ConstructorParameters<typeof SessionManager>[0],
  answer: Answer = (_request, index) => json(session(index + 2)),
  extra: Partial<SessionDeps> = {},
) {
  const clock = { now: NOW };
  const scripted = scriptedFetch(answer);
  const onEnded = vi.fn<(error: SessionExpiredError) => void>();
  const manager = new SessionManager(init, {
    api: createOpenApiClient<paths>({ baseUrl: BASE, fetch: scripted.fetch }),
    baseUrl: BASE,
    now: () => clock.now,
    refreshMarginMs: MARGIN,
    timeoutMs: undefined,
    onTokens: undefined,
    onEnded,
    ...extra,
  });
  return { manager, sent: scripted.sent, clock, onEnded };
}

/** Session tokens whose access token 1 expires `inMs` after NOW. */
const tokens = (inMs: number) => ({
  accessToken: accessToken(1),
  refreshToken: session(1).refresh_token,
  expiresAt: NOW + inMs,
});

/** What `call` fails with, thrown or rejected. */
const failure = (call: () => unknown) =>
  Promise.resolve()
    .then(call)
    .then(
      () => expect.unreachable("expected a failure"),
      (error: unknown) => error,
    );

describe("SessionManager", () => {
  it("signs in once with email and password, then refreshes with the refresh token it got", async () => {
    const { manager, sent, clock } = setup(LOGIN, (_request, index) => json(session(index + 1)));
    expect(await manager.token()).toBe(accessToken(1));
    expect(sent.map((s) => [s.method, s.url])).toEqual([["POST", LOGIN_URL]]);
    expect(JSON.parse(sent[0]?.body ?? "")).toEqual(LOGIN);
    clock.now += 900_000; // past expiry
    expect(await manager.token()).toBe(accessToken(2));
    expect(sent.map((s) => s.url)).toEqual([LOGIN_URL, REFRESH_URL]);
    expect(JSON.parse(sent[1]?.body ?? "")).toEqual({ refresh_token: session(1).refresh_token });
  });

  it("sends stored tokens without a network call while they are valid", async () => {
    const { manager, sent } = setup(tokens(600_000));
    expect(await manager.token()).toBe(accessToken(1));
    expect(sent).toHaveLength(0);
  });

  it("an empty stored access token is never sent: the session refreshes first", async () => {
    const { manager, sent } = setup({ ...tokens(600_000), accessToken: "" });
    expect(await manager.token()).toBe(accessToken(2));
    expect(sent.map((s) => s.url)).toEqual([REFRESH_URL]);
  });

  it("before sign-in there is no token to hand out, whatever the clock reads", async () => {
    const { manager, sent, clock } = setup(LOGIN, () => json(session(1)));
    clock.now = -NOW; // a clock far before any expiry, even the unset one
    expect(await manager.token()).toBe(accessToken(1));
    expect(sent.map((s) => s.url)).toEqual([LOGIN_URL]);
  });

  it("refreshes when the clock reaches expiry minus the margin, not a millisecond before", async () => {
    const { manager, sent, clock } = setup(tokens(600_000));
    clock.now = NOW + 600_000 - MARGIN - 1;
    expect(await manager.token()).toBe(accessToken(1));
    expect(sent).toHaveLength(0);
    clock.now += 1;
    expect(await manager.token()).toBe(accessToken(2));
    expect(sent.map((s) => s.url)).toEqual([REFRESH_URL]);
  });

  it("a new token's expiry is the clock at storage plus expires_in, handed to onTokens as RFC 3339", async () => {
    const onTokens = vi.fn();
    const { manager, sent, clock } = setup(tokens(0), () => json(session(2, 300)), { onTokens });
    expect(await manager.token()).toBe(accessToken(2));
    expect(onTokens.mock.calls).toEqual([
      [
        {
          accessToken: accessToken(2),
          refreshToken: session(2).refresh_token,
          expiresAt: new Date(NOW + 300_000).toISOString(),
        },
      ],
    ]);
    clock.now = NOW + 300_000 - MARGIN - 1;
    expect(await manager.token()).toBe(accessToken(2));
    expect(sent).toHaveLength(1);
    clock.now += 1;
    await manager.token();
    expect(sent).toHaveLength(2);
  });

  it("a token is handed out only after onTokens has stored it", async () => {
    const order: string[] = [];
    const { manager } = setup(tokens(0), () => json(session(2)), {
      onTokens: async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        order.push("stored");
      },
    });
    await manager.token();
    order.push("handed out");
    expect(order).toEqual(["stored", "handed out"]);
  });

  it("one exchange serves every caller that asks while it is in flight", async () => {
    const { manager, sent } = setup(tokens(0));
    const results = await Promise.all([manager.token(), manager.token(), manager.renew("x")]);
    expect(results).toEqual([accessToken(2), accessToken(2), accessToken(2)]);
    expect(sent).toHaveLength(1);
  });

  it("after an exchange settles, the next one goes to the network again", async () => {
    const { manager, sent } = setup(tokens(0));
    expect(await manager.renew(accessToken(1))).toBe(accessToken(2));
    expect(await manager.renew(accessToken(2))).toBe(accessToken(3));
    expect(sent.map((s) => JSON.parse(s.body).refresh_token)).toEqual([
      session(1).refresh_token,
      session(2).refresh_token,
    ]);
  });

  it("renewing a token someone else already replaced returns theirs without a refresh", async () => {
    const { manager, sent } = setup(tokens(600_000));
    expect(await manager.renew(accessToken(0))).toBe(accessToken(1));
    expect(sent).toHaveLength(0);
  });

  it("renewing the token in use refreshes it", async () => {
    const { manager, sent } = setup(tokens(600_000));
    expect(await manager.renew(accessToken(1))).toBe(accessToken(2));
    expect(sent.map((s) => s.url)).toEqual([REFRESH_URL]);
  });

  it("renewing a replaced token while a refresh is in flight waits for that refresh", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { manager, sent } = setup(tokens(600_000), async () => {
      await gate;
      return json(session(2));
    });
    const first = manager.renew(accessToken(1));
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    const second = manager.renew(accessToken(0));
    release();
    expect(await Promise.all([first, second])).toEqual([accessToken(2), accessToken(2)]);
    expect(sent).toHaveLength(1);
  });

  for (const status of [500, 503, 429, 408]) {
    it(`a ${status} from refresh fails this request and keeps the session for the next`, async () => {
      const { manager, sent, onEnded } = setup(tokens(0), (_request, index) =>
        index === 0 ? problem(status, "internal_error") : json(session(2)),
      );
      const error = await failure(() => manager.token());
      expect(isApiError(error) && !isSessionExpiredError(error)).toBe(true);
      expect(error).toMatchObject({ status, method: "POST", url: REFRESH_URL });
      expect(onEnded).not.toHaveBeenCalled();
      expect(await manager.token()).toBe(accessToken(2));
      expect(sent).toHaveLength(2);
    });
  }

  for (const [status, code] of [
    [401, "refresh_token_reused"],
    [400, "validation_failed"],
    [499, "bad_request"],
  ] as const) {
    it(`a ${status} from refresh ends the session: SessionExpiredError once, no more network`, async () => {
      const { manager, sent, onEnded } = setup(tokens(0), () => problem(status, code));
      const error = await failure(() => manager.token());
      expect(error).toBeInstanceOf(SessionExpiredError);
      expect(error).toMatchObject({ status, code, method: "POST", url: REFRESH_URL });
      expect((error as SessionExpiredError).response?.status).toBe(status);
      expect((error as SessionExpiredError).problem?.code).toBe(code);
      expect(onEnded.mock.calls).toEqual([[error]]);
      expect(await failure(() => manager.token())).toBe(error);
      expect(await failure(() => manager.renew(accessToken(1)))).toBe(error);
      expect(sent).toHaveLength(1);
      expect(onEnded).toHaveBeenCalledOnce();
    });
  }

  it("a refused sign-in ends the session, named by the sign-in URL", async () => {
    const { manager, onEnded } = setup(LOGIN, () => problem(401, "invalid_credentials"));
    const error = await failure(() => manager.token());
    expect(error).toBeInstanceOf(SessionExpiredError);
    expect(error).toMatchObject({ status: 401, code: "invalid_credentials", url: LOGIN_URL });
    expect(onEnded).toHaveBeenCalledOnce();
  });

  for (const timeoutMs of [undefined, 5_000]) {
    it(`a connection failure during refresh is a ConnectionError and keeps the session (timeoutMs ${timeoutMs})`, async () => {
      const { manager, sent, onEnded } = setup(
        tokens(0),
        (_request, index) => {
          if (index === 0) throw new TypeError("fetch failed");
          return json(session(2));
        },
        { timeoutMs },
      );
      const error = await failure(() => manager.token());
      expect(isConnectionError(error)).toBe(true);
      expect(isTimeoutError(error)).toBe(false);
      expect(error).toMatchObject({ code: "connection_failed", method: "POST", url: REFRESH_URL });
      expect((error as Error).cause).toBeInstanceOf(TypeError);
      expect(onEnded).not.toHaveBeenCalled();
      expect(await manager.token()).toBe(accessToken(2));
      expect(sent).toHaveLength(2);
    });
  }

  it("a sign-in with no answer within timeoutMs is a TimeoutError and keeps the session", async () => {
    const stalled: Answer = (request, index) =>
      index > 0
        ? json(session(1))
        : new Promise((resolve, reject) => {
            // An answer comes only if the signal never fires (the exchange would then succeed).
            const late = setTimeout(() => resolve(json(session(1))), 1_000);
            request.signal.addEventListener("abort", () => {
              clearTimeout(late);
              reject(request.signal.reason);
            });
          });
    const { manager, sent, onEnded } = setup(LOGIN, stalled, { timeoutMs: 20 });
    const error = await failure(() => manager.token());
    expect(isTimeoutError(error)).toBe(true);
    expect(error).toMatchObject({ code: "timeout", method: "POST", url: LOGIN_URL });
    expect(onEnded).not.toHaveBeenCalled();
    expect(await manager.token()).toBe(accessToken(1));
    expect(sent.map((s) => s.url)).toEqual([LOGIN_URL, LOGIN_URL]);
  });

  it("without timeoutMs an exchange carries no deadline of its own", async () => {
    let aborted: boolean | undefined;
    const { manager } = setup(tokens(0), async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      aborted = request.signal.aborted;
      return json(session(2));
    });
    expect(await manager.token()).toBe(accessToken(2));
    expect(aborted).toBe(false);
  });
});
