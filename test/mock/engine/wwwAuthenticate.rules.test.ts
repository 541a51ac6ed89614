// The RFC 6750 challenges each auth problem carries, exactly as sent.
import { describe, expect, it } from "vitest";
import {
  BEARER_CHALLENGE,
  credentialsMissing,
  insufficientScope,
  invalidRequest,
  invalidToken,
} from "../../../mock/engine/wwwAuthenticate.js";

describe("WWW-Authenticate challenges", () => {
  it("no credential: 401 credentials_missing with the bare challenge, no error parameter", () => {
    const problem = credentialsMissing();
    expect(BEARER_CHALLENGE).toBe('Bearer realm="latchkey"');
    expect(problem).toMatchObject({
      status: 401,
      code: "credentials_missing",
      detail:
        "This operation needs a credential: send Authorization: Bearer <token> or X-API-Key: <key>.",
      extras: {},
      headers: { "www-authenticate": 'Bearer realm="latchkey"' },
    });
  });

  it("a bad credential: 401 with error=invalid_token and the detail as description", () => {
    expect(invalidToken("token_revoked", "The key has been revoked.")).toMatchObject({
      status: 401,
      code: "token_revoked",
      detail: "The key has been revoked.",
      extras: {},
      headers: {
        "www-authenticate":
          'Bearer realm="latchkey", error="invalid_token", error_description="The key has been revoked."',
      },
    });
  });

  it("quotes and backslashes in a description are escaped as RFC 7230 quoted-string", () => {
    const problem = invalidRequest('Say "Bearer" \\ once');
    expect(problem).toMatchObject({ status: 400, code: "invalid_request", extras: {} });
    expect(problem.headers["www-authenticate"]).toBe(
      'Bearer realm="latchkey", error="invalid_request", error_description="Say \\"Bearer\\" \\\\ once"',
    );
  });

  it("a missing scope: 403 insufficient_scope naming the one scope", () => {
    expect(insufficientScope(["agents:write"])).toMatchObject({
      status: 403,
      code: "insufficient_scope",
      detail: "This operation needs the scope agents:write, which this credential lacks.",
      extras: { required_scopes: ["agents:write"] },
      headers: {
        "www-authenticate":
          'Bearer realm="latchkey", error="insufficient_scope", scope="agents:write"',
      },
    });
  });

  it("missing scopes: 403 insufficient_scope naming all of them, space-separated in the header", () => {
    expect(insufficientScope(["keys:write", "workspace:admin"])).toMatchObject({
      detail:
        "This operation needs the scopes keys:write, workspace:admin, which this credential lacks.",
      extras: { required_scopes: ["keys:write", "workspace:admin"] },
      headers: {
        "www-authenticate":
          'Bearer realm="latchkey", error="insufficient_scope", scope="keys:write workspace:admin"',
      },
    });
  });
});
