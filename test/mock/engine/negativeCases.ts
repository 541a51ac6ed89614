// Requests that break the spec, derived from openapi.yaml itself (never from the engine's
// validators), for the negative-data fuzz (issue 23). Each case starts from an operation's own
// examples, breaks one part (a header, query or path parameter, a body property) against one
// keyword of its schema, and names the pointer the sandbox must answer 400 validation_failed at.
import fc from "fast-check";
import { httpMethods } from "../../../scripts/codegen/openapi-types";
import { resolve, spec } from "../../contract/spec";

export interface Schema {
  type?: string | string[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
  format?: string;
  example?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: unknown;
  oneOf?: Schema[];
}
export interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required?: boolean;
  example?: unknown;
  schema: Schema;
}
export interface SpecOperation {
  id: string;
  method: string;
  path: string;
  credentials: string[];
  parameters: Parameter[];
  /** The example body, when the operation takes a JSON body. */
  body: { example: Record<string, unknown>; schema: Schema } | null;
}
export interface NegativeCase {
  operation: SpecOperation;
  /** The part of the request given the invalid value: a parameter or a top-level body field. */
  part: { in: Parameter["in"] | "body"; name: string };
  /** The pointer the answer must name (`/header/Idempotency-Key`). */
  pointer: string;
  why: string;
  /** Random invalid values for the broken part; `undefined` leaves it out. */
  values: fc.Arbitrary<unknown>;
}

const schemaOf = (node: unknown): Schema => resolve<Schema>(node);

export const operations: SpecOperation[] = Object.entries(spec.paths ?? {}).flatMap(
  ([path, item]) =>
    httpMethods.flatMap((method) => {
      const op = item[method] as (Record<string, unknown> & { parameters?: unknown[] }) | undefined;
      if (!op) return [];
      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((raw) => {
        const parameter = resolve<Parameter>(raw);
        return { ...parameter, schema: schemaOf(parameter.schema) };
      });
      const media = op.requestBody
        ? resolve<{ content?: Record<string, { example?: unknown; schema?: unknown }> }>(
            op.requestBody,
          ).content?.["application/json"]
        : undefined;
      const body = media
        ? { example: media.example as Record<string, unknown>, schema: schemaOf(media.schema) }
        : null;
      const credentials = (op["x-credentials"] ?? []) as string[];
      return [
        {
          id: String(op.operationId),
          method: method.toUpperCase(),
          path,
          credentials,
          parameters,
          body,
        },
      ];
    }),
);

/** Strings a URL path segment, a query value and a header value can all carry as sent. */
const safeText = fc.stringMatching(/^[A-Za-z0-9~!*()._-]{1,24}$/);

/** Invalid strings for `schema`, one arbitrary per keyword that bounds it. */
function badStrings(
  schema: Schema,
  where: Parameter["in"] | "body",
): [string, fc.Arbitrary<unknown>][] {
  const out: [string, fc.Arbitrary<unknown>][] = [];
  if (schema.pattern !== undefined) {
    const re = new RegExp(schema.pattern, "u");
    out.push([`outside pattern ${schema.pattern}`, safeText.filter((v) => !re.test(v))]);
  }
  if (schema.maxLength !== undefined) {
    const max = schema.maxLength;
    out.push([
      `longer than ${max}`,
      fc.integer({ min: 1, max: 40 }).map((n) => "k".repeat(max + n)),
    ]);
  }
  if ((schema.minLength ?? 0) > 0 && where !== "path") out.push(["empty", fc.constant("")]);
  if (schema.enum !== undefined) {
    const allowed = schema.enum;
    out.push(["outside enum", safeText.filter((v) => !allowed.includes(v))]);
  }
  if (schema.format === "date-time")
    out.push(["not a date-time", fc.constantFrom("tomorrow", "2030-13-45")]);
  return out;
}

/** Invalid values of a parameter or a body property, by its schema's type and bounds. */
function badValues(
  schema: Schema,
  where: Parameter["in"] | "body",
): [string, fc.Arbitrary<unknown>][] {
  const type = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const out: [string, fc.Arbitrary<unknown>][] = [];
  if (type.includes("string")) out.push(...badStrings(schema, where));
  if (type.includes("integer") || type.includes("number")) {
    if (schema.minimum !== undefined) out.push(["below minimum", fc.constant(schema.minimum - 1)]);
    if (schema.maximum !== undefined) out.push(["above maximum", fc.constant(schema.maximum + 1)]);
    if (where !== "body")
      out.push(["not a number", safeText.filter((v) => !/^-?[0-9.eE+]+$/.test(v))]);
  }
  if (where === "body" && type.length > 0) {
    // A JSON value of a type the schema does not allow.
    const others: [string, unknown][] = [
      ["string", "x"],
      ["integer", 7.5],
      ["boolean", true],
      ["array", []],
      ["object", {}],
    ];
    const wrong = others.filter(
      ([t]) => !type.includes(t) && !(t === "integer" && type.includes("number")),
    );
    if (wrong.length > 0)
      out.push(["of another JSON type", fc.constantFrom(...wrong.map(([, v]) => v))]);
  }
  return out;
}

/** A value `schema` accepts, from its example or its format; undefined when it cannot tell. */
function validValue(schema: Schema): unknown {
  if (schema.example !== undefined) return schema.example;
  if (schema.format === "date-time") return "2030-01-01T00:00:00Z";
  return schema.enum?.[0];
}

/** Every negative case of every operation. */
export function negativeCases(): NegativeCase[] {
  const cases: NegativeCase[] = [];
  for (const operation of operations) {
    for (const p of operation.parameters) {
      for (const [why, values] of badValues(p.schema, p.in)) {
        cases.push({ operation, part: p, pointer: `/${p.in}/${p.name}`, why, values });
      }
    }
    const body = operation.body;
    if (!body) continue;
    const branches = body.schema.oneOf?.map(schemaOf) ?? [body.schema];
    for (const branch of branches) {
      for (const [name, raw] of Object.entries(branch.properties ?? {})) {
        if (!(name in body.example)) continue;
        for (const [why, values] of badValues(schemaOf(raw), "body")) {
          cases.push({
            operation,
            part: { in: "body", name },
            pointer: `/body/${name}`,
            why,
            values,
          });
        }
        if (branch.required?.includes(name)) {
          // In a oneOf, a body missing the field that picks its branch fits no branch: /body.
          cases.push({
            operation,
            part: { in: "body", name },
            pointer: body.schema.oneOf ? "/body" : `/body/${name}`,
            why: "missing",
            values: fc.constant(undefined),
          });
        }
      }
      if (branch.additionalProperties === false) {
        cases.push({
          operation,
          part: { in: "body", name: "zz_unexpected" },
          pointer: "/body/zz_unexpected",
          why: "not allowed",
          values: fc.constant(1),
        });
      }
    }
    // A oneOf body with the properties of two branches at once (the clock's advance and set).
    for (const other of branches.slice(1)) {
      for (const [name, raw] of Object.entries(other.properties ?? {})) {
        const valid = validValue(schemaOf(raw));
        if (name in body.example || valid === undefined) continue;
        cases.push({
          operation,
          part: { in: "body", name },
          pointer: "/body",
          why: `${name} beside another branch`,
          values: fc.constant(valid),
        });
      }
    }
  }
  return cases;
}
