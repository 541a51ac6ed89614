// Log lines: one per request, and no credential in any of them, wherever it was sent.
import { describe, expect, it } from "vitest";
import { formatLogLine, redactPath } from "../../../mock/server/formatLogLine.js";

const key = "lk_usr_test_7Qm2Xv9LpA3sK8dF4hJ6zN1bR5tW0cYe";
const jwt = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1c3JfMSJ9.c2lnbmF0dXJl";

describe("log lines", () => {
  it("redacts credentials in the query string, whatever the parameter", () => {
    const path = `/v1/agents?api_key=${key}&limit=2&access_token=${jwt}&token=abc`;
    expect(redactPath(path)).toBe(
      "/v1/agents?api_key=[redacted]&limit=2&access_token=[redacted]&token=[redacted]",
    );
  });

  it("redacts anything shaped like a key or a JWT anywhere in the path", () => {
    expect(redactPath(`/v1/agents/${key}?x=${jwt}`)).toBe("/v1/agents/[redacted]?x=[redacted]");
  });

  it("redacts a percent-encoded credential in the path", () => {
    const encoded = encodeURIComponent(key).replaceAll("_", "%5F");
    expect(redactPath(`/v1/agents/${encoded}`)).toBe("/v1/agents/[redacted]");
  });

  it("leaves ordinary paths alone", () => {
    expect(redactPath("/v1/agents/agt_5Rk8Nw3Qz1Lm7Xp4?limit=20")).toBe(
      "/v1/agents/agt_5Rk8Nw3Qz1Lm7Xp4?limit=20",
    );
  });

  it("formats time, status, method, path, duration, principal, code and request id", () => {
    const line = formatLogLine(
      {
        requestId: "req_1",
        method: "GET",
        path: `/v1/downloads/agt_1/a.txt?token=${key}`,
        status: 401,
        ms: 0.4321,
        principal: "user_key:key_1",
        code: "token_unknown",
      },
      new Date("2026-11-23T10:00:00Z"),
    );
    expect(line).toBe(
      "2026-11-23T10:00:00.000Z 401 GET /v1/downloads/agt_1/a.txt?token=[redacted] 0.4ms user_key:key_1 token_unknown req_1",
    );
  });
});
