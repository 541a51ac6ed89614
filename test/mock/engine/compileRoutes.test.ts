import { describe, expect, it } from "vitest";
import type { CompiledOperation } from "../../../mock/engine/compileOperations.js";
import { compileRoutes } from "../../../mock/engine/compileRoutes.js";

function op(method: string, path: string): CompiledOperation {
  return {
    operationId: `${method} ${path}` as CompiledOperation["operationId"],
    method,
    path,
    pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? ""),
  } as CompiledOperation;
}

/** The route table of `ops`, shaped as the generated one (path → method → operation). */
function tableOf(ops: CompiledOperation[]): Record<string, Record<string, { id: string }>> {
  const table: Record<string, Record<string, { id: string }>> = {};
  for (const o of ops) table[o.path] = { ...table[o.path], [o.method]: { id: o.operationId } };
  return table;
}

describe("routes", () => {
  const ops = [
    op("GET", "/v1/items/{itemId}"),
    op("GET", "/v1/items/mine"),
    op("POST", "/v1/items/mine"),
    op("GET", "/v1/items/{itemId}/parts"),
    op("GET", "/v1/items/mine/{partId}/x"),
  ];
  const routes = compileRoutes(ops, tableOf(ops));

  it("prefers a static segment over a template at the same place", () => {
    const match = routes.match("GET", "/v1/items/mine");
    expect(match.kind === "found" && match.operation.path).toBe("/v1/items/mine");
    const templated = routes.match("GET", "/v1/items/it_1");
    expect(templated.kind === "found" && templated.params).toEqual({ itemId: "it_1" });
  });

  it("falls back to the template when the static branch dead-ends", () => {
    const match = routes.match("GET", "/v1/items/mine/parts");
    expect(match.kind === "found" && match.operation.path).toBe("/v1/items/{itemId}/parts");
    expect(match.kind === "found" && match.params).toEqual({ itemId: "mine" });
  });

  it("answers 404 for unknown paths and 405 with the allowed methods for known ones", () => {
    expect(routes.match("GET", "/v1/nothing").kind).toBe("not_found");
    expect(routes.match("GET", "/v1/items/").kind).toBe("not_found");
    expect(routes.match("DELETE", "/v1/items/mine")).toEqual({
      kind: "method_not_allowed",
      allow: "GET, POST",
    });
  });

  it("decodes percent-encoded path parameters", () => {
    const match = routes.match("GET", "/v1/items/a%20b");
    expect(match.kind === "found" && match.params).toEqual({ itemId: "a b" });
  });
});
