import { describe, expect, it } from "vitest";
import type { CredentialSource } from "../../src/credentials/CredentialSource.js";
import { chooseCredential, type HeaderScheme } from "../../src/credentials/chooseCredential.js";
import { type RouteOperation, routes } from "../../src/generated/routes.js";
import { keys } from "./scriptedFetch.js";

// Which credential each operation gets, decided from its spec entry alone.

const source = (kind: CredentialSource["kind"]): CredentialSource => ({
  kind,
  description: kind ?? "token",
  token: () => "t",
});
const config = (kind: CredentialSource["kind"], scheme: HeaderScheme = "bearerAuth") => ({
  source: source(kind),
  agentKeys: new Map([["agent-one", keys.agentOne]]),
  scheme,
});
// Each operation of the spec by its id, as the SDK's middleware finds it.
const ops = Object.fromEntries(
  Object.values(routes).flatMap((methods) => Object.values(methods).map((o) => [o.id, o])),
);

describe("chooseCredential", () => {
  it("sends nothing to a public operation", () => {
    expect(chooseCredential(config("user_key"), ops.authenticate, undefined)).toBeUndefined();
  });

  it("sends the client's credential where the operation's x-credentials accept its kind", () => {
    const choice = chooseCredential(config("user_key"), ops.listAgents, undefined);
    expect(choice).toMatchObject({ header: "Authorization", bearer: true });
    expect(choice?.source?.kind).toBe("user_key");
  });

  it("sends nothing where the operation does not accept the credential's kind", () => {
    expect(chooseCredential(config("team_key"), ops.listAgents, undefined)).toBeUndefined();
    expect(chooseCredential(config("user_key"), ops.invokeAgent, "agent-two")).toBeUndefined();
  });

  it("sends the agent key of the call's slug, before the client's credential", () => {
    const choice = chooseCredential(config("user_key"), ops.invokeAgent, "agent-one");
    expect(choice).toMatchObject({ agentKey: keys.agentOne, header: "Authorization" });
    expect(choice?.source).toBeUndefined();
  });

  it("uses the preferred header where the operation's security lists it, else Authorization", () => {
    const apiKey = config("user_key", "apiKeyHeader");
    expect(chooseCredential(apiKey, ops.listAgents, undefined)).toMatchObject({
      header: "X-API-Key",
      bearer: false,
    });
    // An operation that accepts bearer only (none in today's spec) gets Authorization.
    const bearerOnly: RouteOperation = {
      ...(ops.listAgents as RouteOperation),
      schemes: ["bearerAuth"],
    };
    expect(chooseCredential(apiKey, bearerOnly, undefined)).toMatchObject({
      header: "Authorization",
      bearer: true,
    });
    expect(
      chooseCredential(config("user_key", "apiKeyAltHeader"), ops.listAgents, undefined),
    ).toMatchObject({ header: "Api-Key", bearer: false });
  });

  it("sends a credential of unknown kind (getToken) to every secured operation, and to unknown ones", () => {
    for (const op of Object.values(ops)) {
      const choice = chooseCredential(config(undefined), op, undefined);
      expect(choice === undefined, op.id).toBe(op.public);
    }
    expect(chooseCredential(config("team_key"), undefined, undefined)?.source?.kind).toBe(
      "team_key",
    );
  });
});
