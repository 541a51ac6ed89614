import { describe, expect, it } from "vitest";
import { SpecError } from "../../scripts/codegen/derive-security";
import type { OpenAPIDocument, Operation } from "../../scripts/codegen/openapi-types";
import { sdkMethods } from "../../scripts/codegen/render-resources";
import { resourceMethods } from "../../src/generated/resources";
import { spec } from "./spec";

// The resource methods are named by each operation's `x-sdk-method`, rendered by
// `npm run generate` into src/generated/resources.ts (docs/decisions/resource-methods.md).
const broken = (mutate: (doc: OpenAPIDocument) => void) => {
  const doc = structuredClone(spec);
  mutate(doc);
  return () => sdkMethods(doc);
};
const op = (doc: OpenAPIDocument, path: string, method: "get" | "post") =>
  doc.paths?.[path]?.[method] as Operation & Record<string, unknown>;

describe("x-sdk-method", () => {
  it("a new operation of the real API without one fails generation, naming it", () => {
    const run = broken((doc) => {
      doc.paths = { ...doc.paths, "/v1/widgets": { get: { operationId: "listWidgets" } } };
    });
    expect(run).toThrow(SpecError);
    expect(run).toThrow("GET /v1/widgets (listWidgets): needs x-sdk-method");
  });

  it("a sandbox-only operation may not have one", () => {
    const run = broken((doc) => {
      op(doc, "/_sandbox/clock", "get")["x-sdk-method"] = "sandbox.clock";
    });
    expect(run).toThrow("x-sandbox-only has no x-sdk-method");
  });

  it("two operations may not share a name, nor a method a resource's name", () => {
    expect(
      broken((doc) => {
        op(doc, "/v1/agents", "get")["x-sdk-method"] = "agents.create";
      }),
    ).toThrow("x-sdk-method agents.create names two operations");
    expect(
      broken((doc) => {
        op(doc, "/v1/agents", "get")["x-sdk-method"] = "agents.keys";
      }),
    ).toThrow("x-sdk-method agents.keys is also a resource");
  });

  it("every operation of the real API has a method, but the one marked false", () => {
    const named = sdkMethods(spec).map((m) => m.id);
    const all = Object.values(spec.paths ?? {}).flatMap((item) =>
      (["get", "post", "put", "patch", "delete"] as const).flatMap((m) => {
        const o = item[m] as (Operation & Record<string, unknown>) | undefined;
        return o && !o["x-sandbox-only"] && o["x-sdk-method"] !== false ? [o.operationId] : [];
      }),
    );
    expect(named.sort()).toEqual(all.sort());
    expect(Object.keys(resourceMethods)).toHaveLength(named.length);
  });
});
