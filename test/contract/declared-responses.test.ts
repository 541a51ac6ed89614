// What the sandbox sends, the spec declares (issue 7, item 11; Spectral's OWASP rules `rate-limit`
// and `define-error-responses-500` check the same): a 500 on every operation, and the RateLimit-*
// headers on every answer a rate-limited credential can get.
import { describe, expect, it } from "vitest";
import { resolve, spec } from "./spec";

type Responses = Record<string, unknown>;
type Response = { headers?: Record<string, unknown>; content?: Record<string, unknown> };

const operations = Object.entries(spec.paths ?? {}).flatMap(([path, item]) =>
  (["get", "post", "put", "patch", "delete"] as const).flatMap((method) => {
    const op = (item as Record<string, { security?: unknown[]; responses?: Responses }>)[method];
    return op ? [{ name: `${method.toUpperCase()} ${path}`, op }] : [];
  }),
);

describe("declared responses", () => {
  it("declares a 500 internal_error problem on every operation", () => {
    expect(operations.length).toBeGreaterThan(30);
    for (const { name, op } of operations) {
      const response = op.responses?.["500"];
      expect(response, name).toBeDefined();
      const content = resolve<Response>(response).content ?? {};
      expect(Object.keys(content), name).toEqual(["application/problem+json"]);
    }
  });

  it("declares RateLimit-* on every 2xx of a secured operation, where a rate limit stamps them", () => {
    const secured = operations.filter(({ op }) => (op.security ?? []).length > 0);
    expect(secured.length).toBeGreaterThan(25);
    for (const { name, op } of secured) {
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (!/^(2..|400|403|404|409|429)$/.test(status)) continue;
        const headers = Object.keys(resolve<Response>(response).headers ?? {});
        for (const header of ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"]) {
          expect(headers, `${name} ${status}`).toContain(header);
        }
      }
    }
  });
});
