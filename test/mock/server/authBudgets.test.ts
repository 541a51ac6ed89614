// Issue 23: under a rate limit, the answers a brute-force budget governs announce it with
// RateLimit-* before a 429 does: a sign-in the account's sign-ins, a refresh, a revocation and
// a 401 for failed authentication the client address's failures. Strict mode checks the spec
// declares each of them. Over HTTP, where the engine knows the client's address.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Schemas } from "../../../mock/engine/types.js";
import { createSandboxServer } from "../../../mock/server/createSandboxServer.js";

const sandbox = createSandboxServer({
  strict: true,
  rateLimit: { limit: 100, failedAuth: 5, signIns: 3, window: "1h" },
});
let url = "";
let ws: Schemas["SandboxWorkspace"];

beforeAll(async () => {
  url = await sandbox.listen(0, "127.0.0.1");
  ws = await (await fetch(`${url}/_sandbox/workspaces`, { method: "POST" })).json();
});
afterAll(() => sandbox.close({ timeoutMs: 1_000 }));

const post = (path: string, body: unknown) =>
  fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

function budget(reply: Response) {
  return {
    limit: reply.headers.get("ratelimit-limit"),
    remaining: reply.headers.get("ratelimit-remaining"),
    reset: Number(reply.headers.get("ratelimit-reset")) > 0,
  };
}

describe("RateLimit-* on the answers a brute-force budget governs", () => {
  it("a sign-in announces the account's sign-in budget", async () => {
    const signIn = { email: ws.owner.user.email, password: ws.owner.password };
    const first = await post("/v1/auth/authenticate", signIn);
    expect(first.status).toBe(200);
    expect(budget(first)).toEqual({ limit: "3", remaining: "2", reset: true });
    const second = await post("/v1/auth/authenticate", signIn);
    expect(budget(second)).toEqual({ limit: "3", remaining: "1", reset: true });
  });

  it("a refresh announces the address's budget of failed authentications", async () => {
    const session = await (
      await post("/v1/auth/authenticate", {
        email: ws.owner.user.email,
        password: ws.owner.password,
      })
    ).json();
    const reply = await post("/v1/auth/refresh", { refresh_token: session.refresh_token });
    expect(reply.status).toBe(200);
    expect(budget(reply)).toMatchObject({ limit: "5", reset: true });
  });

  it("a revocation announces the address's budget of failed authentications", async () => {
    const reply = await post("/v1/auth/revoke", { token: "lk_rt_test_unknown" });
    expect(reply.status).toBe(200);
    expect(budget(reply)).toMatchObject({ limit: "5", reset: true });
  });

  it("a 401 for failed authentication announces the address's budget it spent from", async () => {
    const forged = "lk_usr_test_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    const get = () => fetch(`${url}/v1/agents`, { headers: { authorization: `Bearer ${forged}` } });
    const first = await get();
    expect(first.status).toBe(401);
    const left = Number(first.headers.get("ratelimit-remaining"));
    expect(first.headers.get("ratelimit-limit")).toBe("5");
    const second = await get();
    expect(second.status).toBe(401);
    expect(Number(second.headers.get("ratelimit-remaining"))).toBe(left - 1);
  });
});
