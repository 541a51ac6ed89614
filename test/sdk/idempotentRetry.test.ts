// The SDK's Idempotency-Key and the sandbox's replay together: a create whose answer is lost on
// the way back is retried by the client and still creates exactly once.
import { describe, expect, it } from "vitest";
import { createClient, unwrap } from "../../src/index.js";
import { BASE_URL, newSandbox } from "./sandboxFixture.js";

describe("a retried create", () => {
  it("creates once when the first answer is lost and the SDK retries", async () => {
    const sandbox = newSandbox();
    const ws = await sandbox.createWorkspace();
    const sent: string[] = [];
    let lose = true;
    const client = createClient({
      baseUrl: BASE_URL,
      credentials: ws.owner.user_key.secret,
      maxRetries: 2,
      retryBackoff: { baseDelayMs: 1, maxDelayMs: 5 },
      fetch: async (request) => {
        sent.push(request.headers.get("idempotency-key") ?? "");
        const response = await sandbox.fetch(request);
        if (request.method === "POST" && lose) {
          lose = false; // the sandbox did the work; the client only sees a gateway failure
          return new Response("upstream timed out", { status: 503 });
        }
        return response;
      },
    });

    const agent = await unwrap(
      client.POST("/v1/agents", { body: { name: "Once", slug: "once-only" } }),
    );
    const all = await unwrap(client.GET("/v1/agents", { params: { query: { limit: 100 } } }));

    expect(sent[0]).not.toBe("");
    expect(sent[1]).toBe(sent[0]);
    expect(all.data.filter((a) => a.slug === "once-only").map((a) => a.id)).toEqual([agent.id]);
  });
});
