// What `npm run docs` writes beside each operation is generated from the spec, for every
// operation, and never kept by hand in openapi.yaml (scripts/docs/annotateSpec.ts).
import { describe, expect, it } from "vitest";
import { listOperations, type Operation } from "../../scripts/codegen/openapi-types";
import { annotateSpec } from "../../scripts/docs/annotateSpec";
import { operationSecurity } from "../../src/generated/security";
import { spec } from "./spec";

type Annotated = Operation & { "x-codeSamples"?: { label: string; source: string }[] };
const annotated = listOperations(annotateSpec(spec)).map(({ operation, path, method }) => ({
  operation: operation as Annotated,
  path,
  method,
}));

describe("the docs' per-operation annotations", () => {
  it("are not hand-kept: openapi.yaml has no x-codeSamples", () => {
    const handKept = listOperations(spec).filter(
      ({ operation }) => "x-codeSamples" in (operation as object),
    );
    expect(handKept).toEqual([]);
  });

  it.each(annotated.map((a) => [a.operation.operationId ?? "", a] as const))(
    "%s gets a curl and a latchkey SDK sample of its own path",
    (_id, { operation, path, method }) => {
      const samples = operation["x-codeSamples"] ?? [];
      expect(samples.map((sample) => sample.label)).toEqual(["curl", "latchkey SDK"]);
      expect(samples[0]?.source).toMatch(new RegExp(`^curl -X ${method.toUpperCase()} "`));
      // The SDK signs in and refreshes by itself: those two show the session client instead.
      if (["authenticate", "refreshSession"].includes(operation.operationId ?? "")) {
        expect(samples[1]?.source).toContain("credentials: { email, password }");
        expect(samples[1]?.source).toContain(path);
      } else {
        expect(samples[1]?.source).toContain(`.${method.toUpperCase()}("${path}"`);
      }
    },
  );

  it.each(annotated.map((a) => [a.operation.operationId ?? "", a] as const))(
    "%s states its credentials and its errors",
    (id, { operation }) => {
      const security = operationSecurity[id as keyof typeof operationSecurity];
      expect(operation.description).toContain("#### Authentication");
      if (security.credentials.length > 0) {
        expect(operation.description).toContain("**Accepts:**");
        expect(operation.description).toContain("credential_kind_not_allowed");
      }
      expect(operation.description).toContain("#### Errors");
    },
  );

  it("says invoke accepts only an agent key, and its SDK sample passes agentKeys", () => {
    const invoke = annotated.find((a) => a.operation.operationId === "invokeAgent")?.operation;
    expect(invoke?.description).toMatch(/\*\*Accepts:\*\* agent key, in/);
    expect(invoke?.["x-codeSamples"]?.[1]?.source).toContain("agentKeys:");
  });

  it("sends X-Agent-ID in the curl sample of an operation that acts as an agent", () => {
    const generate = annotated.find((a) => a.path === "/v1/generate" && a.method === "post");
    expect(generate?.operation["x-codeSamples"]?.[0]?.source).toContain('-H "X-Agent-ID: agt_');
    expect(generate?.operation.description).toContain("**Agent context:** required");
  });
});
