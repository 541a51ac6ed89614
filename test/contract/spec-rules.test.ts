import { rm } from "node:fs/promises";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenAPIDocument, Operation } from "../../scripts/codegen/openapi-types";
import { type LintProblem, lintSpecs, projectConfig, writeSpecs } from "./lint-spec";
import { spec } from "./spec";

// redocly.yaml's rules are only worth something if they fire. Each case below breaks one rule in
// a copy of openapi.yaml and expects `npm run lint:spec` to name that rule; a rule loosened or
// mistyped so that it no longer matches anything fails here.

// biome-ignore lint/suspicious/noExplicitAny: mutations reach into any corner of the document
type Loose = Record<string, any>;
type Doc = OpenAPIDocument & { components: Record<string, Record<string, Loose>> };
const operation = (doc: Doc, path: string, method: "get" | "post"): Operation => {
  const found = doc.paths?.[path]?.[method];
  if (!found) throw new Error(`the mutation needs ${method.toUpperCase()} ${path} in the spec`);
  return found;
};
const component = (doc: Doc, kind: string, name: string) => {
  const found = doc.components[kind]?.[name];
  if (!found) throw new Error(`the mutation needs components.${kind}.${name} in the spec`);
  return found;
};

const cases: Record<string, [rule: string, mutate: (doc: Doc) => void]> = {
  "a secured operation without 401": [
    "rule/secured-operation-documents-401-403",
    (doc) => delete operation(doc, "/v1/agents", "get").responses?.["401"],
  ],
  "a 401 without WWW-Authenticate": [
    "rule/auth-error-headers-have-www-authenticate",
    (doc) => delete component(doc, "responses", "Unauthorized").headers["WWW-Authenticate"],
  ],
  "a 403 that is not problem+json": [
    "rule/auth-error-is-problem-json",
    (doc) => {
      const forbidden = component(doc, "responses", "Forbidden");
      forbidden.content = { "application/json": forbidden.content["application/problem+json"] };
    },
  ],
  "an operation without 429": [
    "rule/operation-documents-400-429",
    (doc) => delete operation(doc, "/v1/agents", "post").responses?.["429"],
  ],
  "a public operation without 400": [
    "rule/operation-documents-400-429",
    (doc) => delete operation(doc, "/v1/auth/authenticate", "post").responses?.["400"],
  ],
  "a 429 without Retry-After": [
    "rule/rate-limit-headers-have-retry-after",
    (doc) => delete component(doc, "responses", "TooManyRequests").headers["Retry-After"],
  ],
  "a request body without an example": [
    "rule/media-type-has-example",
    (doc) => {
      const body = operation(doc, "/v1/agents", "post").requestBody as Loose;
      delete body.content["application/json"].example;
      delete body.content["application/json"].examples;
    },
  ],
  "an operation with two tags": [
    "rule/operation-has-one-tag",
    (doc) => operation(doc, "/v1/agents", "get").tags?.push("Auth"),
  ],
  "an operation relying on the root security": [
    "rule/operation-declares-security",
    (doc) => delete operation(doc, "/v1/agents", "get").security,
  ],
  "an operation without a description": [
    "operation-description",
    (doc) => delete operation(doc, "/v1/agents", "get").description,
  ],
  "an operation without a summary": [
    "operation-summary",
    (doc) => delete operation(doc, "/v1/agents", "get").summary,
  ],
  "an operation without an operationId": [
    "operation-operationId",
    (doc) => delete operation(doc, "/v1/agents", "get").operationId,
  ],
};

const names = Object.keys(cases);
const problemsByCase = new Map<string, LintProblem[]>();
let dir = "";

beforeAll(async () => {
  const documents = Object.fromEntries(
    names.map((name, index) => {
      const doc = structuredClone(spec) as Doc;
      cases[name]?.[1](doc);
      return [`case-${index}`, doc];
    }),
  );
  const written = await writeSpecs(documents);
  dir = written.dir;
  // One Redocly run for every case: each run costs a second or two of start-up.
  const files = Object.values(written.paths);
  const problems = await lintSpecs(files, projectConfig);
  names.forEach((name, index) => {
    const file = written.paths[`case-${index}`] as string;
    problemsByCase.set(
      name,
      // Redocly names files relative to the working directory; compare absolute paths.
      problems.filter((p) => p.location.some((l) => resolve(l.source.ref) === file)),
    );
  });
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("redocly.yaml rejects", () => {
  it.each(names)("%s", (name) => {
    const rule = cases[name]?.[0];
    expect(problemsByCase.get(name)?.map((p) => p.ruleId)).toContain(rule);
  });
});
