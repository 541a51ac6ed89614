// What a retry resends as the credential: the SDK's own only where the SDK's is still on the
// request; a credential a later middleware put there is the caller's and goes again unchanged.
import { describe, expect, it } from "vitest";
import { createClient } from "../../src/index.js";
import { BASE, json, keys, problem, scriptedFetch } from "./scriptedFetch.js";

const retries = { maxRetries: 1, retryBackoff: { baseDelayMs: 1, maxDelayMs: 1 } };
const flaky = () =>
  scriptedFetch((_request, index) =>
    index === 0 ? problem(503, "unavailable") : json({ data: [] }),
  );

describe("resend", () => {
  it("a retry keeps the credential a later middleware put on the request", async () => {
    const { fetch, sent } = flaky();
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch, ...retries });
    client.use({
      onRequest: ({ request }) =>
        new Request(request, { headers: { Authorization: `Bearer ${keys.team}` } }),
    });
    await client.GET("/v1/agents");
    expect(sent.map((s) => s.headers.get("Authorization"))).toEqual([
      `Bearer ${keys.team}`,
      `Bearer ${keys.team}`,
    ]);
  });

  it("a retry sends the SDK's credential again where it chose it", async () => {
    const { fetch, sent } = flaky();
    const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch, ...retries });
    await client.GET("/v1/agents");
    expect(sent.map((s) => s.headers.get("Authorization"))).toEqual([
      `Bearer ${keys.user}`,
      `Bearer ${keys.user}`,
    ]);
  });
});
