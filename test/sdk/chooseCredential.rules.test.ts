// The SDK's choice of what to send on one operation, rule by rule, from the operation's spec
// entry alone: the unit that owns the rule, before any middleware or transport.
import { describe, expect, it } from "vitest";
import type { CredentialSource } from "../../src/credentials/CredentialSource.js";
import { type CredentialConfig, chooseCredential } from "../../src/credentials/chooseCredential.js";
import { type RouteOperation, routes } from "../../src/generated/routes.js";
import { operationSecurity } from "../../src/generated/security.js";
import { operationFor } from "../../src/operationFor.js";

const userKey: CredentialSource = { kind: "user_key", description: "user_key", token: () => "k" };
const unknownKind: CredentialSource = {
  kind: undefined,
  description: "getToken",
  token: () => "t",
};

function op(fields: Partial<RouteOperation> = {}): RouteOperation {
  return {
    id: "listAgents",
    schemes: ["bearerAuth", "apiKeyHeader", "apiKeyAltHeader"],
    credentials: ["session", "user_key"],
    agentContext: "none",
    public: false,
    ...fields,
  };
}

function config(fields: Partial<CredentialConfig> = {}): CredentialConfig {
  return { source: userKey, agentKeys: undefined, scheme: "bearerAuth", ...fields };
}

describe("chooseCredential", () => {
  it("a public operation gets no credential", () => {
    expect(chooseCredential(config(), op({ public: true }), undefined)).toBeUndefined();
  });

  it("a credential whose kind the operation accepts goes in Authorization as a bearer token", () => {
    expect(chooseCredential(config(), op(), undefined)).toEqual({
      header: "Authorization",
      bearer: true,
      source: userKey,
    });
  });

  it("the preferred key header is used where the operation's security lists it", () => {
    expect(chooseCredential(config({ scheme: "apiKeyHeader" }), op(), undefined)).toEqual({
      header: "X-API-Key",
      bearer: false,
      source: userKey,
    });
    expect(chooseCredential(config({ scheme: "apiKeyAltHeader" }), op(), undefined)).toEqual({
      header: "Api-Key",
      bearer: false,
      source: userKey,
    });
  });

  it("where the operation's security does not list the preferred header, Authorization is used", () => {
    const bearerOnly = op({ schemes: ["bearerAuth"] });
    expect(chooseCredential(config({ scheme: "apiKeyHeader" }), bearerOnly, undefined)).toEqual({
      header: "Authorization",
      bearer: true,
      source: userKey,
    });
  });

  it("an operation the spec does not know gets the credential in the preferred header", () => {
    expect(chooseCredential(config({ scheme: "apiKeyHeader" }), undefined, undefined)).toEqual({
      header: "X-API-Key",
      bearer: false,
      source: userKey,
    });
  });

  it("a credential whose kind the operation's x-credentials do not list is not sent", () => {
    expect(chooseCredential(config(), op({ credentials: ["agent_key"] }), undefined)).toBe(
      undefined,
    );
  });

  it("a credential of unknown kind is sent on every secured operation: the API decides", () => {
    const agentOnly = op({ credentials: ["agent_key"] });
    expect(chooseCredential(config({ source: unknownKind }), agentOnly, undefined)).toEqual({
      header: "Authorization",
      bearer: true,
      source: unknownKind,
    });
  });

  it("no credential configured is nothing to send", () => {
    expect(chooseCredential(config({ source: undefined }), op(), undefined)).toBeUndefined();
  });

  it("the agent key of the call's slug wins over the client's credential, in the same header", () => {
    const agentKeys = new Map([["bot", "lk_agk_test_x"]]);
    const chosen = chooseCredential(
      config({ agentKeys, scheme: "apiKeyAltHeader" }),
      op({ credentials: ["agent_key"] }),
      "bot",
    );
    expect(chosen).toEqual({ header: "Api-Key", bearer: false, agentKey: "lk_agk_test_x" });
  });

  it("a slug without an agent key, or no slug, falls back to the client's credential", () => {
    const agentKeys = new Map([["bot", "lk_agk_test_x"]]);
    for (const slug of ["other", undefined]) {
      expect(chooseCredential(config({ agentKeys }), op(), slug)).toEqual({
        header: "Authorization",
        bearer: true,
        source: userKey,
      });
    }
  });
});

describe("operationFor", () => {
  it("a path template and method name the spec's operation", () => {
    expect(operationFor("/v1/agents", "GET")?.id).toBe("listAgents");
    expect(operationFor("/v1/invoke/{agentSlug}", "POST")?.id).toBe("invokeAgent");
  });

  it("a method the path does not define, an unknown path or an inherited name is no operation", () => {
    expect(operationFor("/v1/agents", "PATCH")).toBeUndefined();
    expect(operationFor("/v2/agents", "GET")).toBeUndefined();
    expect(operationFor("constructor", "GET")).toBeUndefined();
    expect(operationFor("/v1/agents", "constructor")).toBeUndefined();
    expect(operationFor("/v1/agents", "__proto__")).toBeUndefined();
    expect(operationFor("__proto__", "GET")).toBeUndefined();
  });
});

describe("routes", () => {
  it("every operation of the spec is in the table under its path and upper-case method", () => {
    const entries = Object.entries(operationSecurity);
    for (const [id, { path, method }] of entries) {
      expect(routes[path]?.[method.toUpperCase() as "GET"]?.id).toBe(id);
    }
    const count = Object.values(routes).reduce(
      (n, byMethod) => n + Object.keys(byMethod).length,
      0,
    );
    expect(count).toBe(entries.length);
  });

  it("two methods of one path are both kept", () => {
    expect(routes["/v1/agents"]?.GET?.id).toBe("listAgents");
    expect(routes["/v1/agents"]?.POST?.id).toBe("createAgent");
  });
});
