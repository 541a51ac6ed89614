import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { listOperations } from "../../scripts/codegen/openapi-types";
import { resolve, spec } from "./spec";

// Examples are what people copy from the docs, what Prism's mock answers and what the sandbox's
// fixtures look like, so each must be a valid instance of the schema it illustrates.

type Node = Record<string, unknown>;
interface ExampleCase {
  where: string;
  schema: unknown;
  value: unknown;
}

const componentsId = "https://latchkey.invalid/components.json";

/** `#/components/schemas/X` → the same schema inside the one Ajv knows as `components.json`. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!node || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === "$ref" && typeof value === "string"
        ? value.replace(/^#\/components\/schemas\//, `${componentsId}#/$defs/`)
        : rewriteRefs(value),
    ]),
  );
}

function extensionKeywords(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) extensionKeywords(item, found);
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith("x-")) found.add(key);
      extensionKeywords(value, found);
    }
  }
  return found;
}

function createAjv(): Ajv2020 {
  // Strict, so a misspelt keyword (`minLenght`) is an error, not a schema that accepts anything;
  // but `allOf` branches may rely on a sibling's `type`, so no demand that every one repeats it.
  const ajv = new Ajv2020({ strict: true, strictTypes: false, allErrors: true });
  addFormats(ajv);
  ajv.addVocabulary(["example", "xml", "externalDocs", ...extensionKeywords(spec)]);
  ajv.addSchema({ $id: componentsId, $defs: rewriteRefs(spec.components?.schemas ?? {}) as Node });
  return ajv;
}

/** `example` and `examples` of a parameter, header or media type, each once. */
function collectExamples(): ExampleCase[] {
  const cases: ExampleCase[] = [];
  const seen = new WeakSet<object>();
  const fromHolder = (where: string, holder: Node) => {
    if (seen.has(holder)) return;
    seen.add(holder);
    if ("example" in holder) cases.push({ where, schema: holder.schema, value: holder.example });
    for (const [name, raw] of Object.entries((holder.examples ?? {}) as Node)) {
      const example = resolve(raw);
      if ("externalValue" in example) throw new Error(`${where} '${name}': externalValue`);
      cases.push({ where: `${where} '${name}'`, schema: holder.schema, value: example.value });
    }
    for (const [type, media] of Object.entries((holder.content ?? {}) as Node)) {
      fromHolder(`${where} ${type}`, resolve(media));
    }
  };

  for (const { path, method, pathItem, operation } of listOperations(spec)) {
    const op = `${method.toUpperCase()} ${path}`;
    for (const raw of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
      const parameter = resolve(raw);
      fromHolder(`${op} ${parameter.in} parameter ${parameter.name}`, parameter);
    }
    if (operation.requestBody) fromHolder(`${op} request body`, resolve(operation.requestBody));
    for (const [status, raw] of Object.entries(operation.responses ?? {})) {
      const response = resolve(raw);
      for (const [name, header] of Object.entries((response.headers ?? {}) as Node)) {
        fromHolder(`${op} ${status} header ${name}`, resolve(header));
      }
      fromHolder(`${op} ${status}`, response);
    }
  }
  return cases;
}

/** Schema-level `example` / `examples` anywhere inside components.schemas. */
function collectSchemaExamples(node: unknown, where: string, cases: ExampleCase[] = []) {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) collectSchemaExamples(item, `${where}/${i}`, cases);
    return cases;
  }
  if (!node || typeof node !== "object") return cases;
  const schema = node as Node;
  if ("example" in schema) cases.push({ where, schema, value: schema.example });
  if (Array.isArray(schema.examples)) {
    for (const [i, value] of schema.examples.entries()) {
      cases.push({ where: `${where} #${i}`, schema, value });
    }
  }
  for (const [key, value] of Object.entries(schema)) {
    if (key !== "example" && key !== "examples" && !key.startsWith("x-")) {
      collectSchemaExamples(value, `${where}/${key}`, cases);
    }
  }
  return cases;
}

const ajv = createAjv();
const cases = [
  ...collectExamples(),
  ...collectSchemaExamples(spec.components?.schemas, "#/components/schemas"),
];

describe("every example in openapi.yaml", () => {
  it("there are examples to check", () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const { where, schema, value } of cases) {
    it(`${where} matches its schema`, () => {
      expect(schema, "an example needs a schema to illustrate").toBeDefined();
      const validate = ajv.compile(rewriteRefs(schema) as Node);
      const ok = validate(value);
      expect(ok ? [] : ajv.errorsText(validate.errors, { separator: "\n" }).split("\n")).toEqual(
        [],
      );
    });
  }

  it("every JSON request body and response has at least one example", () => {
    const missing: string[] = [];
    for (const { path, method, operation } of listOperations(spec)) {
      const bodies: Array<[string, unknown]> = [["request", operation.requestBody]];
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        bodies.push([status, response]);
      }
      for (const [what, raw] of bodies) {
        if (!raw) continue;
        for (const [type, media] of Object.entries((resolve(raw).content ?? {}) as Node)) {
          const { example, examples } = resolve(media);
          const has = example !== undefined || Object.keys((examples ?? {}) as Node).length > 0;
          if (/[/+]json$/.test(type) && !has) {
            missing.push(`${method.toUpperCase()} ${path} ${what} ${type}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("every event of an SSE example carries data valid for its x-sse-events schema", () => {
    const events: string[] = [];
    for (const { where, schema, value } of cases.filter((c) =>
      /text\/event-stream/.test(c.where),
    )) {
      const byEvent = ((schema ?? {}) as Node)["x-sse-events"] as Node | undefined;
      expect(byEvent, `${where} names its events' schemas in x-sse-events`).toBeDefined();
      for (const block of String(value)
        .split("\n\n")
        .filter((b) => b.trim())) {
        const field = (name: string) =>
          block
            .split("\n")
            .find((line) => line.startsWith(`${name}:`))
            ?.slice(name.length + 1)
            .trim();
        const event = field("event") ?? "message";
        const validate = ajv.compile(rewriteRefs(byEvent?.[event]) as Node);
        expect(validate(JSON.parse(field("data") ?? "null")), `${where} ${event}`).toBe(true);
        events.push(event);
      }
    }
    expect(events.length).toBeGreaterThan(0);
  });
});
