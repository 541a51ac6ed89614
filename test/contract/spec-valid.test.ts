import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeProblems, lintSpecs, projectConfig, writeSpecs } from "./lint-spec";
import { spec, specPath } from "./spec";

// Structural validity only: what the OpenAPI 3.1 specification itself requires, independent of
// this project's style rules (those are redocly.yaml, checked in the last test).
const validityRules = `telemetry: off
rules:
  struct: error
  no-unresolved-refs: error
  spec-components-invalid-map-name: error
  operation-operationId-unique: error
  operation-parameters-unique: error
  path-parameters-defined: error
  path-declaration-must-exist: error
  path-not-include-query: error
  no-identical-paths: error
  no-ambiguous-paths: error
  no-enum-type-mismatch: error
  no-example-value-and-externalValue: error
  no-server-variables-empty-enum: error
  no-undefined-server-variable: error
  security-defined: error
`;

const temp: string[] = [];
let validityConfig = "";

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), "latchkey-rules-"));
  temp.push(dir);
  validityConfig = join(dir, "redocly.yaml");
  await writeFile(validityConfig, validityRules);
});
afterAll(() => Promise.all(temp.map((dir) => rm(dir, { recursive: true, force: true }))));

describe("openapi.yaml", () => {
  it("declares OpenAPI 3.1", () => {
    expect(spec.openapi).toMatch(/^3\.1\.\d+$/);
  });

  it("is a valid OpenAPI 3.1 document (structure, references, paths, ids)", async () => {
    expect(describeProblems(await lintSpecs([specPath], validityConfig))).toEqual([]);
  });

  it("the validity check does reject a broken document", async () => {
    const broken = {
      openapi: "3.1.0",
      info: { title: "broken", version: "1" },
      paths: {
        "/things/{id}": {
          get: { operationId: "x", responses: { "200": { $ref: "#/components/responses/Nope" } } },
        },
      },
    };
    const { dir, paths } = await writeSpecs({ broken });
    temp.push(dir);
    const rules = (await lintSpecs([paths.broken as string], validityConfig)).map((p) => p.ruleId);
    expect(rules).toEqual(
      expect.arrayContaining(["no-unresolved-refs", "path-parameters-defined"]),
    );
  });

  it("passes every rule of redocly.yaml with no error and no warning", async () => {
    expect(describeProblems(await lintSpecs([specPath], projectConfig))).toEqual([]);
  });
});
