// Values a schema of openapi.yaml refuses, one arbitrary per keyword that bounds it, for the
// negative-data fuzz (negativeCases.ts); and one value it accepts, where the schema says which.
import fc from "fast-check";
import type { Parameter, Schema } from "./negativeCases.js";

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
export function badValues(
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
export function validValue(schema: Schema): unknown {
  if (schema.example !== undefined) return schema.example;
  if (schema.format === "date-time") return "2030-01-01T00:00:00Z";
  return schema.enum?.[0];
}
