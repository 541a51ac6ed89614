// Strict mode holds the RateLimit-* headers to the spec (issue 23): an answer may carry them only
// where the spec declares them for that operation and status.
import { describe, expect, it } from "vitest";
import { checkRateHeaders } from "../../../mock/engine/checkRateHeaders.js";
import { compileOperations } from "../../../mock/engine/compileOperations.js";
import { createRequestState, type RequestState } from "../../../mock/engine/RequestState.js";
import { openapiDocument } from "../../../src/generated/openapi.js";

const operations = compileOperations(openapiDocument);
const byId = (id: string) => {
  const found = operations.find((op) => op.operationId === id);
  if (!found) throw new Error(`no operation ${id}`);
  return found;
};
const budget = { "ratelimit-limit": "5", "ratelimit-remaining": "4", "ratelimit-reset": "60" };
const state = (id: string): RequestState => ({
  ...createRequestState("req_0000000000000000", byId(id)),
  rateHeaders: { ...budget },
});
const answer = (status: number) => ({ status, headers: {}, body: null });

describe("strict mode checks RateLimit-* against the spec", () => {
  it("passes a budget the spec declares (a sign-in's 200, a refresh's 401)", () => {
    expect(checkRateHeaders(answer(200), state("authenticate"))).toEqual(answer(200));
    expect(checkRateHeaders(answer(401), state("refreshSession"))).toEqual(answer(401));
  });

  it("answers 500 naming the headers when the spec does not declare them", () => {
    const checked = state("getSandboxClock");
    const result = checkRateHeaders(answer(200), checked);
    expect(result.status).toBe(500);
    expect(String(result.body)).toContain("ratelimit-limit");
    expect(checked.rateHeaders).toBeNull();
    expect(checked.decision.lastCheck).toBe("contract"); // the journal names why it became a 500
  });
});
