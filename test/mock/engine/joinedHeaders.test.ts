// In-process, Web Headers joins a repeated header with ", " before the engine sees it; the
// joined value is then judged by the header's schema (issue 23), so it cannot pass as one value.
import { describe, expect, it } from "vitest";
import { bearer, call, setup } from "./engineHarness.js";

describe("a header Web Headers joined is judged by its schema", () => {
  it("X-Agent-ID joined from two ids is 400 validation_failed at /header/X-Agent-ID", async () => {
    const s = await setup();
    const headers = new Headers(bearer(s.ownerKey));
    headers.append("x-agent-id", s.agentId(0));
    headers.append("x-agent-id", s.agentId(1));
    const answer = await call(s.engine, "/v1/auth/whoami", {
      headers: Object.fromEntries(headers),
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      { pointer: "/header/X-Agent-ID", detail: expect.any(String) },
    ]);
    expect(JSON.stringify(answer.body)).not.toContain(s.agentId(0));
  });
});
