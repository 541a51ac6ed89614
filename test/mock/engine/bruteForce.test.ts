// With a rate limit, guessing is limited too: failed authentication per client address, sign-ins
// per account, and a user's requests across all of its tokens (signing in again resets nothing).

import { describe, expect, it } from "vitest";
import type { Engine } from "../../../mock/engine/createEngine.js";
import { fromWebRequest, toWebResponse } from "../../../mock/engine/webAdapter.js";
import { type Answer, BASE, bearer, type CallInit, call, setup } from "./engineHarness.js";

// A frozen wall clock: every request of a test falls in one rate-limit window.
const frozen = { now: () => Date.UTC(2026, 5, 1, 12, 0, 0) };
const limits = (extra: object = {}) => ({
  ...frozen,
  rateLimit: { limit: 5, window: "1m", ...extra },
});

/** `call`, from a client address as the node adapter reports it. */
async function from(address: string, engine: Engine, path: string, init: CallInit = {}) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.json !== undefined) headers["content-type"] = "application/json";
  const body = init.json === undefined ? undefined : JSON.stringify(init.json);
  const request = new Request(`${BASE}${path}`, { method: init.method ?? "GET", headers, body });
  // In-process requests have no peer address; this one says which client it stands for.
  const answer = await engine.answer({
    ...(await fromWebRequest(request)),
    remoteAddress: address,
  });
  const response = toWebResponse(answer, request.method);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text && JSON.parse(text) };
}

const FORGED = "lk_usr_test_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

describe("brute-force limits", () => {
  const failures: [string, (engine: Engine, i: number) => Promise<Answer>][] = [
    [
      "wrong passwords",
      (engine, i) =>
        from("203.0.113.7", engine, "/v1/auth/authenticate", {
          method: "POST",
          json: { email: `guess-${i}@example.test`, password: "wrong-password" },
        }),
    ],
    [
      "forged or unknown keys",
      (engine) => from("203.0.113.7", engine, "/v1/agents", { headers: bearer(FORGED) }),
    ],
    [
      "unknown refresh tokens",
      async (engine) => {
        const { secret } = engine.context.crypto.mintKey("refresh_token");
        return from("203.0.113.7", engine, "/v1/auth/refresh", {
          method: "POST",
          json: { refresh_token: secret },
        });
      },
    ],
  ];

  it.each(failures)("limits failed authentication per client address: %s", async (_, fail) => {
    const { engine, ownerKey } = await setup(limits());
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await fail(engine, i)).status);
    expect(statuses.slice(0, 5).every((status) => status === 400 || status === 401)).toBe(true);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    // That address is refused even with a good key; another address is not.
    const same = await from("203.0.113.7", engine, "/v1/agents", { headers: bearer(ownerKey) });
    expect(same.status).toBe(429);
    expect(same.body.code).toBe("rate_limited");
    expect(Number(same.headers.get("retry-after"))).toBeGreaterThan(0);
    const other = await from("198.51.100.2", engine, "/v1/agents", { headers: bearer(ownerKey) });
    expect(other.status).toBe(200);
  });

  it("limits sign-ins per account, whatever the address", async () => {
    const { engine, ws } = await setup(limits({ failedAuth: 100 }));
    const signIn = (i: number) =>
      from(`192.0.2.${i}`, engine, "/v1/auth/authenticate", {
        method: "POST",
        json: { email: ws.owner.user.email, password: ws.owner.password },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await signIn(i)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
  });

  it("counts a user's requests across all of its tokens: signing in again does not reset", async () => {
    const { engine, ws, ownerKey } = await setup(limits({ signIns: 100 }));
    const statuses: number[] = [];
    for (let round = 0; round < 4; round++) {
      const login = await call(engine, "/v1/auth/authenticate", {
        method: "POST",
        json: { email: ws.owner.user.email, password: ws.owner.password },
      });
      const token = login.body.access_token;
      statuses.push((await call(engine, "/v1/agents", { headers: bearer(token) })).status);
      statuses.push((await call(engine, "/v1/agents", { headers: bearer(token) })).status);
    }
    expect(statuses.filter((status) => status === 200)).toHaveLength(5);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    // The user's key is the same user: its budget is spent as well.
    expect((await call(engine, "/v1/agents", { headers: bearer(ownerKey) })).status).toBe(429);
  });

  it("does not limit failed authentication by address in-process, where there is none", async () => {
    const { engine, ownerKey } = await setup(limits());
    for (let i = 0; i < 8; i++) {
      expect((await call(engine, "/v1/agents", { headers: bearer(FORGED) })).status).toBe(401);
    }
    expect((await call(engine, "/v1/agents", { headers: bearer(ownerKey) })).status).toBe(200);
  });
});
