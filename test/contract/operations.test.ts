import { describe, expect, it } from "vitest";
import { listOperations } from "../../scripts/codegen/openapi-types";
import { operationSecurity } from "../../src/generated/security";
import { spec } from "./spec";

// Every operation of docs/decisions/operations.md, written out from that decision (not copied from the spec), so a
// renamed path or a forgotten endpoint in openapi.yaml fails here instead of in a user's app.
const keyFamilies = [
  "/v1/me/api-keys",
  "/v1/w/{workspaceId}/keys",
  "/v1/teams/{teamId}/keys",
  "/v1/agents/{agentId}/api-keys",
];

const designOperations = [
  // auth
  "POST /v1/auth/authenticate",
  "POST /v1/auth/refresh",
  "POST /v1/auth/revoke",
  "GET /v1/auth/whoami",
  // agents
  "GET /v1/agents",
  "POST /v1/agents",
  "GET /v1/agents/{agentId}",
  "DELETE /v1/agents/{agentId}",
  // keys: one shape, four owners
  ...keyFamilies.flatMap((base) => [
    `POST ${base}`,
    `GET ${base}`,
    `GET ${base}/{keyId}`,
    `DELETE ${base}/{keyId}`,
    `POST ${base}/{keyId}/rotate`,
  ]),
  // invoke
  "POST /v1/invoke/{agentSlug}",
  // jobs
  "POST /v1/generate",
  "GET /v1/generate/{jobId}",
  "GET /v1/generate/{jobId}/stream",
  "POST /v1/generate/{jobId}/stream-token",
  // downloads
  "POST /v1/downloads/{agentId}/{filename}/token",
  "GET /v1/downloads/{agentId}/{filename}",
  // intake
  "POST /v1/intake/{teamId}",
  // session token public keys (§1)
  "GET /.well-known/jwks.json",
  // sandbox controls
  "POST /_sandbox/workspaces",
  "POST /_sandbox/clock",
  "GET /_sandbox/clock",
  "POST /_sandbox/reset",
];

/** Operations the spec adds beyond the design's list, each on purpose. */
const acceptedAdditions = [
  // Fault rules for the testing kit (issue 13): failures on cue, per workspace, sandbox only.
  "DELETE /_sandbox/faults",
  "GET /_sandbox/faults",
  "POST /_sandbox/faults",
  // Lets a test get a user of any role in its workspace (§3's roles), sandbox only.
  "POST /_sandbox/workspaces/{workspaceId}/users",
  // A readiness probe for a CI job's wait-on step before its tests (issue 8), sandbox only.
  "GET /_sandbox/health",
  // Links an outside issuer's (iss, sub) to a user (§1: "linked to a user explicitly").
  "POST /_sandbox/identities",
  // The request journal, read by the vitest assertions and the inspector (issue 26), sandbox only.
  "GET /_sandbox/requests",
  "GET /_sandbox/requests/{requestId}",
];

const specOperations = listOperations(spec).map(
  ({ method, path }) => `${method.toUpperCase()} ${path}`,
);
const generated = Object.entries(operationSecurity).map(
  ([operationId, { method, path }]) => [`${method.toUpperCase()} ${path}`, operationId] as const,
);

describe("the operations of docs/decisions/operations.md", () => {
  it("are all distinct in this list", () => {
    expect(new Set(designOperations).size).toBe(designOperations.length);
  });

  it.each(designOperations)("%s is in openapi.yaml", (operation) => {
    expect(specOperations).toContain(operation);
  });

  it.each(designOperations)("%s is in the generated operationSecurity", (operation) => {
    expect(generated.map(([key]) => key)).toContain(operation);
  });

  it("openapi.yaml has no operation the design does not list, beyond the accepted additions", () => {
    const extra = specOperations.filter((operation) => !designOperations.includes(operation));
    expect([...extra].sort()).toEqual([...acceptedAdditions].sort());
  });

  it("the generated operationSecurity has exactly the spec's operations, by the same ids", () => {
    const fromSpec = listOperations(spec).map(
      ({ method, path, operation }) =>
        [`${method.toUpperCase()} ${path}`, operation.operationId] as const,
    );
    expect([...generated].sort()).toEqual([...fromSpec].sort());
  });
});
