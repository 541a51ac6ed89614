import { describe, expect, it } from "vitest";
import {
  credentialKinds,
  type OperationSecurity,
  operationSecurity,
  roles,
  schemes,
  scopes,
} from "../../src/generated/security";

// The rules of docs/decisions/credential-model.md, checked against the security table generated from the spec —
// the table the sandbox enforces and the SDK follows.

const table = Object.values(operationSecurity) as OperationSecurity[];
const key = (op: OperationSecurity) => `${op.method.toUpperCase()} ${op.path}`;
const accepting = (kind: string) => table.filter((op) => op.credentials.includes(kind as never));
const headerSchemes = ["bearerAuth", "apiKeyHeader", "apiKeyAltHeader"] as const;

describe("credentials, scopes and roles", () => {
  it("the scopes are the nine of the design", () => {
    expect([...scopes].sort()).toEqual(
      [
        "agents:read",
        "agents:write",
        "agents:invoke",
        "keys:read",
        "keys:write",
        "jobs:read",
        "jobs:write",
        "downloads:read",
        "workspace:admin",
      ].sort(),
    );
  });

  it("the credential kinds are the eight of the design", () => {
    expect([...credentialKinds].sort()).toEqual(
      [
        "session",
        "refresh_token",
        "user_key",
        "workspace_key",
        "team_key",
        "agent_key",
        "download_token",
        "stream_token",
      ].sort(),
    );
  });

  it("owner and admin hold every scope, member all but workspace:admin, viewer only *:read", () => {
    expect([...roles.owner].sort()).toEqual([...scopes].sort());
    expect([...roles.admin].sort()).toEqual([...scopes].sort());
    expect([...roles.member].sort()).toEqual(scopes.filter((s) => s !== "workspace:admin").sort());
    expect([...roles.viewer].sort()).toEqual(scopes.filter((s) => s.endsWith(":read")).sort());
  });
});

describe("where credentials go", () => {
  it("each scheme reads the credential from the header or query parameter of the design", () => {
    expect(schemes).toEqual({
      bearerAuth: { type: "http", in: "header", name: "Authorization" },
      apiKeyHeader: { type: "apiKey", in: "header", name: "X-API-Key" },
      apiKeyAltHeader: { type: "apiKey", in: "header", name: "Api-Key" },
      downloadToken: { type: "apiKey", in: "query", name: "token" },
      streamToken: { type: "apiKey", in: "query", name: "token" },
    });
  });

  it("every secured operation accepts all three headers, each with the same scopes", () => {
    for (const op of table.filter((op) => !op.public)) {
      const required = headerSchemes.map((name) => op.schemes[name]);
      expect(required[0], key(op)).toBeDefined();
      expect(required, key(op)).toEqual([required[0], required[0], required[0]]);
    }
  });

  it("query tokens are accepted only by the download and the stream they are minted for", () => {
    const byScheme = (name: "downloadToken" | "streamToken") =>
      table.filter((op) => op.schemes[name]).map(key);
    expect(byScheme("downloadToken")).toEqual(["GET /v1/downloads/{agentId}/{filename}"]);
    expect(byScheme("streamToken")).toEqual(["GET /v1/generate/{jobId}/stream"]);
    expect(accepting("download_token").map(key)).toEqual(byScheme("downloadToken"));
    expect(accepting("stream_token").map(key)).toEqual(byScheme("streamToken"));
  });
});

describe("which credential may call what", () => {
  // GET /v1/auth/whoami describes any credential, so every key kind may call it.
  const whoami = "GET /v1/auth/whoami";

  it("invoke accepts only agent keys, and agent keys call nothing else", () => {
    expect(operationSecurity.invokeAgent.credentials).toEqual(["agent_key"]);
    expect(accepting("agent_key").map(key).sort()).toEqual(
      [whoami, "POST /v1/invoke/{agentSlug}"].sort(),
    );
  });

  it("team keys call only their team's intake", () => {
    expect(accepting("team_key").map(key).sort()).toEqual(
      [whoami, "POST /v1/intake/{teamId}"].sort(),
    );
  });

  it("minting a download or stream token needs a control credential, never an agent key", () => {
    for (const op of [operationSecurity.createDownloadToken, operationSecurity.createStreamToken]) {
      expect([...op.credentials].sort(), key(op)).toEqual(
        ["session", "user_key", "workspace_key"].sort(),
      );
    }
  });

  it("a refresh token is never a credential: it travels in the body of /v1/auth/refresh", () => {
    expect(accepting("refresh_token")).toEqual([]);
  });

  it("starting a job acts as an agent", () => {
    expect(operationSecurity.createJob.agentContext).toBe("required");
  });
});

describe("public and sandbox-only operations", () => {
  it("only sign-in, refresh, revoke, the JWKS and the sandbox controls are public", () => {
    const expected = [
      "POST /v1/auth/authenticate",
      "POST /v1/auth/refresh",
      "POST /v1/auth/revoke",
      "GET /.well-known/jwks.json",
    ];
    const publicOps = table.filter((op) => op.public && !op.path.startsWith("/_sandbox/"));
    expect(publicOps.map(key).sort()).toEqual(expected.sort());
  });

  it("exactly the /_sandbox operations are marked sandbox-only", () => {
    for (const op of table) expect(op.sandboxOnly, key(op)).toBe(op.path.startsWith("/_sandbox/"));
  });

  it("public operations list no schemes and no credentials; secured ones list both", () => {
    for (const op of table) {
      expect(Object.keys(op.schemes).length === 0, key(op)).toBe(op.public);
      expect(op.credentials.length === 0, key(op)).toBe(op.public);
    }
  });
});
