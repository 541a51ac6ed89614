// Requests that break the spec, derived from openapi.yaml itself (never from the engine's
// validators), for the negative-data fuzz (issue 23). Each case starts from an operation's own
// examples, breaks one part (a header, query or path parameter, a body property) against one
// keyword of its schema, and names the pointer the sandbox must answer 400 validation_failed at.
import fc from "fast-check";
import { httpMethods } from "../../../scripts/codegen/openapi-types";
import { resolve, spec } from "../../contract/spec";
import { badValues, validValue } from "./invalidValues.js";

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
