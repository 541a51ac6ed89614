import createClient from "openapi-fetch";
import { describe, expect, it } from "vitest";
import type { components, paths } from "../../src/generated/schema";

// The SDK's typed surface is openapi-fetch over the generated `paths` (docs/decisions/runs-anywhere.md, README "The SDK"). The
// `@ts-expect-error` lines are checked by `npm run typecheck`: if a wrong path, parameter or body
// ever compiles, the directive is unused and tsc fails. Each category also has a call that must
// compile, so the errors can't come from a type that rejects everything. Running the calls
// against a recording fetch checks the URLs the same types produce.

type Problem = components["schemas"]["Problem"];

function recordingClient() {
  const requests: Request[] = [];
  const client = createClient<paths>({
    baseUrl: "http://127.0.0.1:4010",
    fetch: async (request: Request) => {
      requests.push(request);
      return Response.json({ data: [], next_cursor: null });
    },
  });
  return { client, requests };
}

describe("the generated paths type the client", () => {
  it("accepts the spec's paths, methods and query parameters, and rejects others", async () => {
    const { client, requests } = recordingClient();

    const { data } = await client.GET("/v1/agents", { params: { query: { limit: 20 } } });
    const slug: string | undefined = data?.data[0]?.slug;
    expect(slug).toBeUndefined();

    // @ts-expect-error: no such path
    await client.GET("/v1/agent");
    // @ts-expect-error: the path exists, but not with this method
    await client.PUT("/v1/agents", {});
    // @ts-expect-error: `limit` is a number
    await client.GET("/v1/agents", { params: { query: { limit: "20" } } });
    // @ts-expect-error: no such query parameter
    await client.GET("/v1/agents", { params: { query: { limt: 20 } } });

    expect(
      requests.map((r) => `${r.method} ${new URL(r.url).pathname}${new URL(r.url).search}`),
    ).toEqual([
      "GET /v1/agents?limit=20",
      "GET /v1/agent",
      "PUT /v1/agents",
      "GET /v1/agents?limit=20",
      "GET /v1/agents?limt=20",
    ]);
  });

  it("requires path parameters", async () => {
    const { client, requests } = recordingClient();

    await client.GET("/v1/agents/{agentId}", {
      params: { path: { agentId: "agt_5Rk8Nw3Qz1Lm7Xp4" } },
    });
    await client.POST("/v1/w/{workspaceId}/keys/{keyId}/rotate", {
      params: { path: { workspaceId: "ws_8fK2mQ9xLp3vT7nR", keyId: "key_3Hn8Qw2Lx7Pz5Vb1" } },
      body: {},
    });

    // @ts-expect-error: `agentId` is missing
    await client.GET("/v1/agents/{agentId}", { params: { path: {} } });
    // @ts-expect-error: `keyId` belongs to another path
    await client.GET("/v1/agents/{agentId}", { params: { path: { keyId: "key_1" } } });

    expect(requests.map((r) => new URL(r.url).pathname)).toEqual([
      "/v1/agents/agt_5Rk8Nw3Qz1Lm7Xp4",
      "/v1/w/ws_8fK2mQ9xLp3vT7nR/keys/key_3Hn8Qw2Lx7Pz5Vb1/rotate",
      "/v1/agents/%7BagentId%7D",
      "/v1/agents/%7BagentId%7D",
    ]);
  });

  it("types request bodies", async () => {
    const { client, requests } = recordingClient();

    await client.POST("/v1/agents", { body: { name: "Research assistant", slug: "research" } });
    // A property with a `default` (here `steps`) may be left out of a request body.
    await client.POST("/v1/generate", { body: { prompt: "Draft a release note" } });

    // @ts-expect-error: `slug` is required
    await client.POST("/v1/agents", { body: { name: "Research assistant" } });
    // @ts-expect-error: `name` is a string
    await client.POST("/v1/agents", { body: { name: 42, slug: "research" } });
    // @ts-expect-error: the body is required
    await client.POST("/v1/auth/authenticate", {});

    const bodies = await Promise.all(requests.map((r) => r.text()));
    expect(JSON.parse(bodies[0] ?? "")).toEqual({ name: "Research assistant", slug: "research" });
    expect(requests).toHaveLength(5);
  });

  it("types errors as the problem document", async () => {
    const client = createClient<paths>({
      baseUrl: "http://127.0.0.1:4010",
      fetch: async () =>
        Response.json(
          {
            type: "urn:latchkey:problem:credentials_missing",
            status: 401,
            code: "credentials_missing",
          },
          { status: 401, headers: { "Content-Type": "application/problem+json" } },
        ),
    });
    const { error } = await client.GET("/v1/auth/whoami");
    const problem: Problem | undefined = error;
    // @ts-expect-error: the error is a problem document, not a string
    const text: string | undefined = error;
    expect([problem?.code, text === problem]).toEqual(["credentials_missing", true]);
  });
});
