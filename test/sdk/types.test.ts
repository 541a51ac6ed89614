import { describe, expectTypeOf, it } from "vitest";
import {
  type components,
  createClient,
  type JobEvent,
  type ListItemOf,
  type PermissionDeniedError,
  type Problem,
  unwrap,
} from "../../src/index.js";
import { BASE, json, keys } from "./scriptedFetch.js";

// These bodies are checked by `tsc --noEmit`: each @ts-expect-error must meet a real type error,
// or the type check fails. At run time they only hit a stub fetch.
const client = createClient({ baseUrl: BASE, credentials: keys.user, fetch: async () => json({}) });
const throwing = createClient({
  baseUrl: BASE,
  credentials: keys.user,
  throwOnError: true,
  fetch: async () => json({}),
});

describe("types", () => {
  it("types results from the spec, with error as the problem document", async () => {
    const { data, error } = await client.GET("/v1/agents", { params: { query: { limit: 5 } } });
    expectTypeOf(data).toEqualTypeOf<components["schemas"]["AgentList"] | undefined>();
    expectTypeOf(error).toEqualTypeOf<Problem | undefined>();
    const agents = await unwrap(client.GET("/v1/agents"));
    expectTypeOf(agents).toEqualTypeOf<components["schemas"]["AgentList"]>();
    const { data: thrown } = await throwing.GET("/v1/agents");
    expectTypeOf(thrown).toEqualTypeOf<components["schemas"]["AgentList"]>();
  });

  it("rejects a wrong path", async () => {
    // @ts-expect-error no such path
    await client.GET("/v1/agentz");
    // @ts-expect-error the path exists, but not for this method
    await client.DELETE("/v1/agents");
    // @ts-expect-error throwOnError clients check paths too
    await throwing.GET("/v1/nope");
  });

  it("rejects wrong or missing parameters", async () => {
    // @ts-expect-error agentId is required
    await client.GET("/v1/agents/{agentId}", { params: { path: {} } });
    // @ts-expect-error params are required for a templated path
    await client.GET("/v1/agents/{agentId}");
    // @ts-expect-error limit is a number
    await client.GET("/v1/agents", { params: { query: { limit: "5" } } });
    // @ts-expect-error no such query parameter
    await client.GET("/v1/agents", { params: { query: { page: 2 } } });
  });

  it("rejects wrong bodies", async () => {
    // @ts-expect-error slug is required
    await client.POST("/v1/agents", { body: { name: "A" } });
    // @ts-expect-error name is a string
    await client.POST("/v1/agents", { body: { name: 1, slug: "a-1" } });
    // @ts-expect-error unknown scope
    await client.POST("/v1/me/api-keys", { body: { name: "k", scopes: ["agents:everything"] } });
    // @ts-expect-error the body is required
    await client.POST("/v1/invoke/{agentSlug}", { params: { path: { agentSlug: "a-1" } } });
  });

  it("types pagination, streams and errors", async () => {
    const page = await client.me.keys.list();
    expectTypeOf(page.data).toEqualTypeOf<components["schemas"]["Key"][]>();
    expectTypeOf(page.next_cursor).toEqualTypeOf<string | null>();
    // Typed only (the stub answers `{}`): `for await` over a list yields its items.
    const walk = async () => {
      for await (const agent of client.agents.list()) {
        expectTypeOf(agent).toEqualTypeOf<components["schemas"]["Agent"]>();
      }
    };
    expectTypeOf(walk).toBeFunction();
    expectTypeOf<ListItemOf<"listAgents">>().toEqualTypeOf<components["schemas"]["Agent"]>();
    expectTypeOf<ListItemOf<"listUserKeys">>().toEqualTypeOf<components["schemas"]["Key"]>();
    expectTypeOf<Extract<JobEvent, { event: "done" }>["data"]>().toEqualTypeOf<
      components["schemas"]["JobDoneEvent"]
    >();
    expectTypeOf<PermissionDeniedError["requiredScopes"]>().toEqualTypeOf<
      readonly components["schemas"]["Scope"][]
    >();
  });
});
