import { describe, expect, it } from "vitest";
import { findOperation } from "../../src/findOperation.js";
import { type OperationId, operationSecurity } from "../../src/generated/security.js";

describe("findOperation", () => {
  it("matches every operation of the spec from its own method and path", () => {
    for (const [id, { method, path }] of Object.entries(operationSecurity)) {
      const concrete = path.replace(/\{[^}]+\}/g, "x_1");
      expect(findOperation(method.toUpperCase(), concrete)?.id, `${method} ${path}`).toBe(id);
    }
  });

  it("prefers a static segment to a parameter (stream-token is not a stream)", () => {
    expect(findOperation("POST", "/v1/generate/job_1/stream-token")?.id).toBe("createStreamToken");
    expect(findOperation("GET", "/v1/generate/job_1/stream")?.id).toBe("streamJob");
    expect(findOperation("GET", "/v1/generate/job_1")?.id).toBe("getJob");
  });

  it("finds nothing for unknown paths, other methods or empty parameters", () => {
    expect(findOperation("GET", "/v1/nope")).toBeUndefined();
    expect(findOperation("PUT", "/v1/agents")).toBeUndefined();
    expect(findOperation("GET", "/v1/agents/")).toBeUndefined();
    expect(findOperation("GET", "/v1/generate/job_1/stream/extra")).toBeUndefined();
  });

  it("knows where the agent slug stands in the invoke path", () => {
    const invoke = findOperation("POST", "/v1/invoke/agent-one");
    expect(invoke?.id satisfies OperationId | undefined).toBe("invokeAgent");
    expect("/v1/invoke/agent-one".split("/")[invoke?.slugSegment ?? 0]).toBe("agent-one");
    expect(findOperation("GET", "/v1/agents")?.slugSegment).toBe(-1);
  });
});
