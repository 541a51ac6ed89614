import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createClient } from "../../src/index.js";
import { accessToken, BASE, json, keys, problem, scriptedFetch, session } from "./scriptedFetch.js";

const secrets = [keys.user, keys.agentOne, accessToken(1), session(1).refresh_token, "hunter2"];

function expectNoSecret(text: string) {
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe("no secret shows", () => {
  it("JSON.stringify and util.inspect of a key client show only safe facts", () => {
    const client = createClient({
      baseUrl: BASE,
      credentials: keys.user,
      agentKeys: { "agent-one": keys.agentOne },
      agentId: "agt_0000000000000001",
    });
    expect(client.toJSON()).toEqual({
      baseUrl: BASE,
      credentials: "user_key",
      authHeader: "Authorization",
      agentId: "agt_0000000000000001",
      agentKeys: ["agent-one"],
    });
    expectNoSecret(JSON.stringify(client));
    expectNoSecret(inspect(client, { depth: 10, showHidden: true }));
    expect(inspect(client)).toContain("LatchkeyClient");
  });

  it("a signed-in session client shows no token, password or refresh token", async () => {
    const { fetch } = scriptedFetch((request) =>
      request.url.endsWith("/authenticate")
        ? json(session(1))
        : json({ data: [], next_cursor: null }),
    );
    const client = createClient({
      baseUrl: BASE,
      credentials: { email: "o@example.test", password: "hunter2" },
      fetch,
    });
    await client.GET("/v1/agents");
    expect(client.toJSON().credentials).toBe("session");
    expectNoSecret(JSON.stringify(client));
    expectNoSecret(inspect(client, { depth: 10, showHidden: true }));
    expectNoSecret(
      inspect(client.withAgent("agt_0000000000000001"), { depth: 10, showHidden: true }),
    );
  });

  it("errors show no credential, not even under util.inspect", async () => {
    const client = createClient({
      baseUrl: BASE,
      credentials: keys.user,
      fetch: async () =>
        problem(401, "token_revoked", {}, { "WWW-Authenticate": 'Bearer error="invalid_token"' }),
    });
    const { error } = await client.GET("/v1/agents");
    expect(error?.code).toBe("token_revoked");
    const thrown = await createClient({
      baseUrl: BASE,
      credentials: keys.user,
      throwOnError: true,
      fetch: async () => problem(401, "token_revoked"),
    })
      .GET("/v1/agents")
      .catch((e: unknown) => e);
    expectNoSecret(String(thrown));
    expectNoSecret(inspect(thrown, { depth: 10 }));
    expectNoSecret(JSON.stringify(thrown));
  });

  it("a failed sign-in shows neither email's password nor anything secret", async () => {
    const client = createClient({
      baseUrl: BASE,
      credentials: { email: "o@example.test", password: "hunter2" },
      fetch: async () => problem(401, "invalid_credentials"),
    });
    const error = await client.GET("/v1/agents").catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "SessionExpiredError", code: "invalid_credentials" });
    expectNoSecret(inspect(error, { depth: 10 }));
    expectNoSecret(inspect(client, { depth: 10, showHidden: true }));
  });
});
