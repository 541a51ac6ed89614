import { describe, expect, expectTypeOf, it } from "vitest";
import { type components, createClient } from "../../src/index.js";

// Checked by `npm run typecheck`: each `@ts-expect-error` must meet a real type error, or tsc
// fails. Next to each, a call that must compile, so the errors cannot come from a type that
// refuses everything. At run time the calls go to a stub fetch that records them.
const sent: Request[] = [];
const client = createClient({
  baseUrl: "https://api.latchkey.test",
  credentials: "lk_usr_test_Types0Types0Types0Types0Types0Ty",
  fetch: async (request) => {
    sent.push(request);
    return Response.json({ data: [], next_cursor: null });
  },
});

describe("resource methods and per-request options are typed from the spec", () => {
  it("refuses an unknown body field, an unknown option and a wrong argument", async () => {
    await client.agents.create({ name: "A", slug: "a-1" });
    // @ts-expect-error: `colour` is no field of CreateAgentRequest
    await client.agents.create({ name: "A", slug: "a-1", colour: "red" });
    await client.agents.keys.rotate("agt_1", "key_1", { grace_period: "1h" });
    // @ts-expect-error: a rotation takes `grace_period`, not `grace`
    await client.agents.keys.rotate("agt_1", "key_1", { grace: "1h" });
    await client.agents.list({ limit: 10 }, { timeout: 50, maxRetries: 0 });
    // @ts-expect-error: `retries` is not an option (it is `maxRetries`)
    await client.agents.list({ limit: 10 }, { retries: 0 });
    // @ts-expect-error: `limit` is a number
    await client.agents.list({ limit: "10" });
    // @ts-expect-error: the agent id comes first
    await client.agents.keys.list({ limit: 10 });
    expect(sent).toHaveLength(8);
  });

  it("refuses an unknown option on a path call, keeping openapi-fetch's own members", async () => {
    await client.GET("/v1/agents", {
      timeout: 50,
      maxRetries: 0,
      parseAs: "json",
      cache: "no-store",
    });
    // @ts-expect-error: `retries` is not an option (it is `maxRetries`)
    await client.GET("/v1/agents", { retries: 0 });
    // @ts-expect-error: `timeOut` is not an option
    await client.GET("/v1/agents", { timeOut: 50 });
    expect(sent.length).toBeGreaterThanOrEqual(3);
  });

  it("types what each method resolves to", async () => {
    const page = await client.agents.list();
    expectTypeOf(page.data).toEqualTypeOf<components["schemas"]["Agent"][]>();
    expectTypeOf(page.hasNextPage()).toEqualTypeOf<boolean>();
    expectTypeOf(client.agents.retrieve).returns.resolves.toEqualTypeOf<
      components["schemas"]["Agent"]
    >();
    expectTypeOf(client.downloads.retrieve).returns.resolves.toEqualTypeOf<Uint8Array>();
    expectTypeOf(client.downloads.url).returns.resolves.toEqualTypeOf<string>();
    const { data, response, requestId } = await client.auth.whoami().withResponse();
    expectTypeOf(data).toEqualTypeOf<components["schemas"]["Whoami"]>();
    expectTypeOf(response).toEqualTypeOf<Response>();
    expectTypeOf(requestId).toEqualTypeOf<string | undefined>();
    expectTypeOf(client.withAgent("agt_1").jobs.create).toEqualTypeOf(client.jobs.create);
  });
});

describe("path calls hold their body to the spec too", () => {
  it("refuses an unknown body field in a path call's body literal", async () => {
    await client.POST("/v1/agents", { body: { name: "A", slug: "a-1" } });
    // @ts-expect-error: `colour` is no field of CreateAgentRequest
    await client.POST("/v1/agents", { body: { name: "A", slug: "a-1", colour: "red" } });
    expect(sent.length).toBeGreaterThanOrEqual(2);
  });

  it("takes each branch of a oneOf body, and still refuses a field no branch has", async () => {
    await client.POST("/_sandbox/clock", { body: { advance: "91d" } });
    await client.POST("/_sandbox/clock", { body: { set: "2027-01-01T00:00:00Z" } });
    // @ts-expect-error: `jump` is in no branch of ClockChange
    await client.POST("/_sandbox/clock", { body: { jump: "1d" } });
    expect(sent.length).toBeGreaterThanOrEqual(3);
  });
});
