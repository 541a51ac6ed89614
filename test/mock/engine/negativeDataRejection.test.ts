// Negative-data rejection (issue 23; Schemathesis's `negative_data_rejection`): every request
// built to break the spec must be refused with 400 validation_failed naming the part it broke.
// The cases come from openapi.yaml (negativeCases.ts), never from the engine's validators; each
// request carries a credential that passes authentication and scope, so the refusal can only
// come from validation. Bounded: a fixed seed and RUNS values per case.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "../../../mock/engine/createEngine.js";
import type { Schemas } from "../../../mock/engine/types.js";
import { call, setup } from "./engineHarness.js";
import { negativeCases, operations } from "./negativeCases.js";
import { expectRefused, negativeRequest } from "./negativeRequest.js";

const RUNS = Number(process.env.NEGATIVE_FUZZ_RUNS ?? 4);
const SEED = 20_261_207;
const cases = negativeCases();

let engine: Engine;
let ws: Schemas["SandboxWorkspace"];

beforeAll(async () => {
  const made = await setup();
  engine = made.engine;
  ws = made.ws;
});

describe("every request that breaks the spec is refused, naming what it broke", () => {
  it("derives cases from the spec for every kind of part", () => {
    const kinds = new Set(cases.map((c) => c.part.in));
    expect([...kinds].sort()).toEqual(["body", "header", "path", "query"]);
    expect(cases.length).toBeGreaterThan(50);
  });

  const tested = operations.filter((op) => cases.some((c) => c.operation === op));
  it.each(tested.map((op) => [op.id, op] as const))(
    "%s as its examples send it passes authentication, scope and validation",
    async (_id, op) => {
      const { target, init } = negativeRequest(ws, op);
      const answer = await call(engine, target, init);
      // Not 401/403: the credential passes. (An example may still fail the implementation's own
      // rules, such as scopes on a team key: only the schema's refusals are asked for below.)
      if (op.credentials.length > 0) {
        expect([401, 403], JSON.stringify(answer.body)).not.toContain(answer.status);
      }
    },
  );

  it.each(cases.map((c) => [`${c.operation.id} ${c.pointer} ${c.why}`, c] as const))(
    "%s is 400 validation_failed at that pointer",
    async (_name, negative) => {
      await fc.assert(
        fc.asyncProperty(negative.values, async (value) => {
          const { target, init } = negativeRequest(ws, negative.operation, negative.part, value);
          const answer = await call(engine, target, init);
          expectRefused(negative, answer.status, answer.body, value);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    },
  );
});
