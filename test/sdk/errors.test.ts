import { describe, expect, it } from "vitest";
import {
  ApiError,
  AuthenticationError,
  createClient,
  isApiError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  unwrap,
  ValidationError,
} from "../../src/index.js";
import { BASE, json, keys, problem, scriptedFetch } from "./scriptedFetch.js";

const answering = (response: () => Response) =>
  createClient({
    baseUrl: BASE,
    credentials: keys.user,
    fetch: async () => response(),
    maxRetries: 0,
  });

/** The error a call throws through unwrap; fails the test if it does not throw. */
const thrownBy = (call: Promise<unknown>): Promise<ApiError> =>
  call.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error as ApiError,
  );

const failure = (response: () => Response) =>
  thrownBy(unwrap(answering(response).GET("/v1/agents")));

describe("errors", () => {
  it("unwrap returns the data of a success", async () => {
    const agents = await unwrap(
      answering(() => json({ data: [], next_cursor: null })).GET("/v1/agents"),
    );
    expect(agents).toEqual({ data: [], next_cursor: null });
  });

  it("401 becomes AuthenticationError with status, code, requestId, problem and challenge", async () => {
    const error = await failure(() =>
      problem(
        401,
        "token_revoked",
        {},
        {
          "WWW-Authenticate":
            'Bearer realm="latchkey", error="invalid_token", error_description="The key has been revoked"',
        },
      ),
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 401,
      code: "token_revoked",
      requestId: "req_0000000000000002",
    });
    expect(error.problem?.detail).toBe("Problem token_revoked.");
    expect(error.wwwAuthenticate).toMatchObject({
      error: "invalid_token",
      errorDescription: "The key has been revoked",
    });
    expect(error.name).toBe("AuthenticationError");
  });

  it("403 becomes PermissionDeniedError with requiredScopes read from WWW-Authenticate", async () => {
    const error = await failure(() =>
      problem(
        403,
        "insufficient_scope",
        { required_scopes: ["keys:read"] },
        {
          "WWW-Authenticate":
            'Bearer realm="latchkey", error="insufficient_scope", scope="agents:write workspace:admin"',
        },
      ),
    );
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect((error as PermissionDeniedError).requiredScopes).toEqual([
      "agents:write",
      "workspace:admin",
    ]);
  });

  it("403 without a challenge takes requiredScopes from the problem, or none", async () => {
    const fromBody = await failure(() =>
      problem(403, "insufficient_scope", { required_scopes: ["keys:read"] }),
    );
    expect((fromBody as PermissionDeniedError).requiredScopes).toEqual(["keys:read"]);
    const none = await failure(() => problem(403, "agent_mismatch"));
    expect((none as PermissionDeniedError).requiredScopes).toEqual([]);
  });

  it("404, 429 and validation_failed get their own classes", async () => {
    expect(await failure(() => problem(404, "not_found"))).toBeInstanceOf(NotFoundError);
    const limited = await failure(() => problem(429, "rate_limited", { retry_after: 3 }));
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).retryAfter).toBe(3);
    const invalid = await failure(() =>
      problem(400, "validation_failed", { errors: [{ pointer: "/body/slug", detail: "bad" }] }),
    );
    expect(invalid).toBeInstanceOf(ValidationError);
    expect((invalid as ValidationError).errors).toEqual([{ pointer: "/body/slug", detail: "bad" }]);
    const conflict = await failure(() => problem(409, "conflict"));
    expect(conflict.constructor).toBe(ApiError);
  });

  it("names the method and URL in the message, like ky, without the secret", async () => {
    const error = await failure(() => problem(404, "not_found"));
    expect(error.message).toBe(`404 not_found: Problem not_found. (GET ${BASE}/v1/agents)`);
    expect(error.message).not.toContain(keys.user);
    expect(JSON.stringify(error)).not.toContain(keys.user);
  });

  it("redacts a token in the URL of a failed request", async () => {
    const client = answering(() => problem(403, "resource_mismatch"));
    const error = await thrownBy(
      unwrap(
        client.GET("/v1/downloads/{agentId}/{filename}", {
          params: { path: { agentId: "agt_1", filename: "a.txt" } },
          querySerializer: () => "token=lk_dlt_test_secretsecretsecret.sig",
          parseAs: "text",
        }),
      ),
    );
    expect(error.url).toBe(`${BASE}/v1/downloads/agt_1/a.txt?token=[redacted]`);
    expect(error.message).not.toContain("secretsecret");
  });

  it("throwOnError makes every method throw the typed error and resolve only on success", async () => {
    const { fetch } = scriptedFetch((request) =>
      request.url.endsWith("/v1/agents")
        ? json({ data: [], next_cursor: null })
        : problem(404, "not_found"),
    );
    const client = createClient({
      baseUrl: BASE,
      credentials: keys.user,
      fetch,
      throwOnError: true,
    });
    const { data } = await client.GET("/v1/agents");
    expect(data.next_cursor).toBeNull();
    await expect(
      client.GET("/v1/agents/{agentId}", { params: { path: { agentId: "agt_x" } } }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("isApiError recognises every SDK error, even without instanceof", async () => {
    const error = await failure(() => problem(404, "not_found"));
    expect(isApiError(error)).toBe(true);
    expect(isApiError(Object.create(Object.getPrototypeOf(error)))).toBe(true);
    expect(isApiError(new Error("x"))).toBe(false);
    expect(isApiError(null)).toBe(false);
  });

  it("an error answer that is not a problem document still becomes an ApiError", async () => {
    const error = await failure(() => new Response("<html>bad gateway</html>", { status: 502 }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 502, code: "unexpected_response", problem: undefined });
  });
});
