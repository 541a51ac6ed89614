import { describe, expect, it } from "vitest";
import { compileOperations } from "../../mock/engine/compileOperations.js";
import { compileRoutes } from "../../mock/engine/compileRoutes.js";
import { openapiDocument } from "../../src/generated/openapi.js";
import { type RouteMethod, routes } from "../../src/generated/routes.js";
import { operationSecurity } from "../../src/generated/security.js";
import { operationFor } from "../../src/operationFor.js";

// The SDK finds a call's operation by the path template openapi-fetch hands its middleware; the
// sandbox finds it by matching the URL. Both read src/generated/routes.ts, and every path of the
// spec, filled with concrete values, must land on the same operation on both sides — including
// values that spell another path's static segment (`stream`, `token`, `rotate`, `keys`…).
const sandboxRoutes = compileRoutes(compileOperations(openapiDocument));
const templates = Object.entries(routes).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({
    path,
    method: method as RouteMethod,
    id: op.id,
  })),
);
const staticWords = [
  ...new Set(
    Object.keys(routes).flatMap((path) => path.split("/").filter((s) => /^[\w.-]+$/.test(s))),
  ),
];
const values = ["x_1", "agt_5Rk8Nw3Qz1Lm7Xp4", "report.txt", "a%2Fb", ...staticWords];

describe("one route table for the SDK and the sandbox", () => {
  it("lists every operation of the spec exactly once", () => {
    const ids = templates.map((t) => t.id).sort();
    expect(ids).toEqual(Object.keys(operationSecurity).sort());
  });

  it("resolves every spec path, filled with concrete values, to the same operation on both sides", () => {
    let checked = 0;
    for (const { path, method, id } of templates) {
      expect(operationFor(path, method)?.id, `${method} ${path}`).toBe(id);
      for (const value of values) {
        const concrete = path.replace(/\{[^}]+\}/g, value);
        const match = sandboxRoutes.match(method, concrete);
        const found = match.kind === "found" ? match.operation.operationId : match.kind;
        expect(found, `${method} ${concrete} (SDK: ${id})`).toBe(id);
        checked++;
      }
    }
    expect(checked).toBe(templates.length * values.length);
  });

  it("finds no operation for a URL, an unknown template or another method", () => {
    expect(operationFor("/v1/agents/agt_5Rk8Nw3Qz1Lm7Xp4", "GET")).toBeUndefined();
    expect(operationFor("/v1/nothing", "GET")).toBeUndefined();
    expect(operationFor("/v1/agents", "PUT")).toBeUndefined();
    expect(operationFor("constructor", "GET")).toBeUndefined();
  });
});
