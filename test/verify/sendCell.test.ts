// A cell answered 429 is asked again after Retry-After: a rate limit says nothing about auth.
import { describe, expect, it } from "vitest";
import { sendCell } from "../../verify/sendCell.js";

describe("sendCell", () => {
  it("retries a 429 after Retry-After and reports the answer that followed", async () => {
    const statuses = [429, 401];
    const seen: number[] = [];
    const fetchImpl = (async () => {
      const status = statuses.shift() ?? 500;
      seen.push(Date.now());
      return new Response(status === 429 ? "" : '{"code":"token_revoked"}', {
        status,
        headers: { "content-type": "application/problem+json", "retry-after": "1" },
      });
    }) as typeof fetch;
    const answer = await sendCell(fetchImpl, "http://127.0.0.1:1", "get", {
      path: "/v1/agents",
      headers: {},
      secrets: [],
    });
    expect(answer.status).toBe(401);
    expect(seen).toHaveLength(2);
    expect((seen[1] ?? 0) - (seen[0] ?? 0)).toBeGreaterThanOrEqual(900);
  });
});
