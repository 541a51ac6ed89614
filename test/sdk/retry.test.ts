import { describe, expect, it } from "vitest";
import {
  ConnectionError,
  createClient,
  RateLimitError,
  TimeoutError,
  unwrap,
} from "../../src/index.js";
import { isRetryableStatus, parseRetryAfter, retryDelay } from "../../src/retry.js";
import { BASE, json, keys, problem, scriptedFetch } from "./scriptedFetch.js";

const fast = { maxRetries: 2, retryBackoff: { baseDelayMs: 1, maxDelayMs: 5 } };

describe("retries", () => {
  it("retries a 503 and sends the same body and Idempotency-Key again", async () => {
    const { fetch, sent } = scriptedFetch((_, i) =>
      i === 0 ? problem(503, "internal_error") : json({ id: "agt_1" }, 201),
    );
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch, ...fast });
    const { response } = await client.POST("/v1/agents", { body: { name: "A", slug: "a-1" } });
    expect(response.status).toBe(201);
    expect(sent).toHaveLength(2);
    expect(sent[1]?.body).toBe('{"name":"A","slug":"a-1"}');
    expect(sent[1]?.headers.get("Idempotency-Key")).toBe(sent[0]?.headers.get("Idempotency-Key"));
    expect(sent[1]?.headers.get("Authorization")).toBe(`Bearer ${keys.user}`);
  });

  it("retries failed connections, then throws ConnectionError after the limit", async () => {
    let calls = 0;
    const fetch = async () => {
      calls++;
      throw new TypeError("fetch failed");
    };
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch, ...fast });
    const error = await client.GET("/v1/agents").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: "connection_failed", status: undefined, method: "GET" });
    expect(calls).toBe(3);
  });

  it("a fetch that throws instead of rejecting is retried the same way, first attempt included", async () => {
    let calls = 0;
    const fetch = (() => {
      calls++;
      throw new TypeError("fetch failed");
    }) as unknown as typeof globalThis.fetch;
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch, ...fast });
    const error = await client.GET("/v1/agents").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(calls).toBe(3);
  });

  it("a token given again is checked once, but a new one with a line break is still refused", async () => {
    const tokens = [keys.user, keys.user, "lk_usr_test_bad\r\nX-Evil: 1"];
    const { fetch, sent } = scriptedFetch(() => json({ data: [], next_cursor: null }));
    const getToken = () => tokens.shift() ?? "";
    const client = createClient({ baseUrl: BASE, credentials: { getToken }, fetch });
    await client.GET("/v1/agents");
    await client.GET("/v1/agents");
    const error = await client.GET("/v1/agents").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(String(error)).not.toContain("X-Evil");
    expect(sent).toHaveLength(2);
  });

  it("waits about a second for a 429 with Retry-After: 1, then retries", async () => {
    const { fetch, sent } = scriptedFetch((_, i) =>
      i === 0
        ? problem(429, "rate_limited", { retry_after: 1 }, { "Retry-After": "1" })
        : json({ data: [], next_cursor: null }),
    );
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch });
    const started = performance.now();
    const { response } = await client.GET("/v1/agents");
    const waited = performance.now() - started;
    expect(response.status).toBe(200);
    expect(sent).toHaveLength(2);
    expect(waited).toBeGreaterThanOrEqual(950);
    expect(waited).toBeLessThan(2_500);
  });

  it("does not retry other 4xx answers", async () => {
    const { fetch, sent } = scriptedFetch(() => problem(404, "not_found"));
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch, ...fast });
    await client.GET("/v1/agents/{agentId}", { params: { path: { agentId: "agt_x" } } });
    expect(sent).toHaveLength(1);
  });

  it("returns the 429 when Retry-After is longer than the policy waits for", async () => {
    const { fetch, sent } = scriptedFetch(() =>
      problem(429, "rate_limited", {}, { "Retry-After": "3600" }),
    );
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch });
    const error = await unwrap(client.GET("/v1/agents")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(3600);
    expect(sent).toHaveLength(1);
  });

  it("sends once when retries is 0", async () => {
    const { fetch, sent } = scriptedFetch(() => problem(503, "internal_error"));
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch, maxRetries: 0 });
    const { response } = await client.GET("/v1/agents");
    expect(response.status).toBe(503);
    expect(sent).toHaveLength(1);
  });

  it("throws TimeoutError when no response arrives within timeout", async () => {
    const fetch = () => new Promise<Response>(() => {});
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch, timeout: 50 });
    const started = performance.now();
    const error = await client.GET("/v1/agents").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: "timeout" });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("counts the waits between retries in the timeout", async () => {
    const { fetch, sent } = scriptedFetch(() =>
      problem(503, "internal_error", {}, { "Retry-After": "5" }),
    );
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch, timeout: 100 });
    const started = performance.now();
    await expect(client.GET("/v1/agents")).rejects.toBeInstanceOf(TimeoutError);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(sent).toHaveLength(1);
  });

  it("passes the caller's own abort through as it is", async () => {
    const fetch = (request: Request) =>
      new Promise<Response>((_, reject) => {
        const { signal } = request;
        if (signal.aborted) reject(signal.reason);
        signal.addEventListener("abort", () => reject(signal.reason));
      });
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch, timeout: 5_000 });
    const controller = new AbortController();
    const pending = client.GET("/v1/agents", { signal: controller.signal });
    controller.abort(new Error("stop"));
    await expect(pending).rejects.toThrow("stop");
  });

  it("computes full-jitter backoff within the ceiling and honours Retry-After dates", () => {
    const policy = { limit: 5, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 60_000 };
    for (let attempt = 0; attempt < 8; attempt++) {
      const delay = retryDelay(policy, attempt) ?? -1;
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(Math.min(1_000, 100 * 2 ** attempt));
    }
    expect(parseRetryAfter("2")).toBe(2_000);
    expect(parseRetryAfter(new Date(Date.now() + 5_000).toUTCString())).toBeGreaterThan(3_000);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect([408, 429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409, 501].some(isRetryableStatus)).toBe(false);
  });
});
