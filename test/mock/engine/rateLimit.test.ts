import { describe, expect, it } from "vitest";
import { issueKey } from "../../../mock/engine/fixtures.js";
import { bearer, call, setup } from "./engineHarness.js";

describe("rate limit", () => {
  it("answers 429 rate_limited with Retry-After and RateLimit-* once a credential exceeds its limit", async () => {
    const { engine, ownerKey } = await setup({ rateLimit: { limit: 2, window: "1m" } });
    const first = await call(engine, "/v1/agents", { headers: bearer(ownerKey) });
    expect(first.status).toBe(200);
    expect(first.headers.get("ratelimit-limit")).toBe("2");
    expect(first.headers.get("ratelimit-remaining")).toBe("1");
    expect(Number(first.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
    expect((await call(engine, "/v1/agents", { headers: bearer(ownerKey) })).status).toBe(200);
    const limited = await call(engine, "/v1/agents", { headers: bearer(ownerKey) });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe("rate_limited");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.body.retry_after).toBe(retryAfter);
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
  });

  it("counts each credential apart and starts afresh in the next window of the sandbox clock", async () => {
    const { engine, ownerKey, ws } = await setup({ rateLimit: { limit: 1, window: "1m" } });
    expect((await call(engine, "/v1/agents", { headers: bearer(ownerKey) })).status).toBe(200);
    expect((await call(engine, "/v1/agents", { headers: bearer(ownerKey) })).status).toBe(429);
    const { secret } = issueKey(engine.context, {
      kind: "workspace_key",
      workspaceId: ws.workspace.id,
    });
    expect((await call(engine, "/v1/agents", { headers: bearer(secret) })).status).toBe(200);
    await call(engine, "/_sandbox/clock", { method: "POST", json: { advance: "1m" } });
    expect((await call(engine, "/v1/agents", { headers: bearer(ownerKey) })).status).toBe(200);
  });

  it("sends no rate-limit headers when no limit is configured", async () => {
    const { engine, ownerKey } = await setup();
    const answer = await call(engine, "/v1/agents", { headers: bearer(ownerKey) });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("ratelimit-limit")).toBeNull();
  });
});
