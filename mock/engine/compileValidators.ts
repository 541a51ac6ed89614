import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { openapiDocument } from "../../src/generated/openapi.js";
import type { CompiledOperation, ParameterSpec, Pointer } from "./compileOperations.js";

const SPEC_ID = "urn:latchkey:openapi";

function createAjv(options: { coerceTypes: boolean; useDefaults: boolean }): Ajv2020 {
  // strict: false because the document carries OpenAPI keywords (example, x-…) beside the
  // JSON Schema ones. The whole document is registered once, so every `#/components/…` $ref
  // resolves where it is written and shared schemas compile once per instance.
  const ajv = new Ajv2020({ ...options, strict: false, allErrors: true, validateSchema: false });
  (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
  ajv.addSchema(openapiDocument as object, SPEC_ID);
  return ajv;
}

// Shared by every engine of the process: compiled validators are pure functions of the spec,
// so tests that create hundreds of engines compile each schema once. Created on first use.
const instances = new Map<string, Ajv2020>();
const compiled = new Map<string, ValidateFunction>();
const settings = {
  request: { coerceTypes: false, useDefaults: true },
  param: { coerceTypes: true, useDefaults: true },
  response: { coerceTypes: false, useDefaults: false },
} as const;

function validatorFor(kind: keyof typeof settings, schema: object, key: string) {
  const cacheKey = `${kind} ${key}`;
  let validate = compiled.get(cacheKey);
  if (!validate) {
    let ajv = instances.get(kind);
    if (!ajv) {
      ajv = createAjv(settings[kind]);
      instances.set(kind, ajv);
    }
    validate = ajv.compile(schema);
    compiled.set(cacheKey, validate);
  }
  return validate;
}

const ref = (pointer: Pointer) => ({ $ref: `${SPEC_ID}#${pointer}` });

// Ajv fills in a default only from a schema directly under `properties`, not one a $ref
// away, so a parameter's default is copied beside the $ref.
function withDefault(pointer: Pointer): object {
  let target: unknown = openapiDocument;
  for (const part of pointer.slice(1).split("/")) {
    const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
    target = (target as Record<string, unknown> | undefined)?.[key];
  }
  const value = (target as { default?: unknown } | undefined)?.default;
  return value === undefined ? ref(pointer) : { ...ref(pointer), default: value };
}

/** The validator of a request body schema (defaults applied, no coercion). */
export function bodyValidator(pointer: Pointer): ValidateFunction {
  return validatorFor("request", ref(pointer), pointer);
}

/** The validator of one response schema (no defaults: responses are checked, not changed). */
export function responseValidator(pointer: Pointer): ValidateFunction {
  return validatorFor("response", ref(pointer), pointer);
}

export interface ParameterValidators {
  /** Names of the query and header parameters to read from the request. */
  queryNames: string[];
  /** Each header parameter as the spec spells it (the pointer) and lower-cased (the lookup). */
  headerNames: (readonly [spelled: string, lookup: string])[];
  path: ValidateFunction | null;
  query: ValidateFunction | null;
  header: ValidateFunction | null;
}

const parameterCache = new Map<string, ParameterValidators>();

/**
 * One validator per parameter location of an operation, over an object of that location's
 * values; strings are coerced to the schema's types (`?limit=5` → 5) and defaults filled in.
 * Built on the operation's first request, then reused.
 */
export function parameterValidators(operation: CompiledOperation): ParameterValidators {
  let found = parameterCache.get(operation.operationId);
  if (found) return found;
  const of = (location: ParameterSpec["in"]) =>
    operation.parameters.filter((p) => p.in === location);
  const compile = (location: ParameterSpec["in"]) => {
    const parameters = of(location);
    if (parameters.length === 0) return null;
    const schema = {
      type: "object",
      properties: Object.fromEntries(parameters.map((p) => [p.name, withDefault(p.schema)])),
      required: parameters.filter((p) => p.required).map((p) => p.name),
    };
    return validatorFor("param", schema, `${operation.operationId} ${location}`);
  };
  found = {
    queryNames: of("query").map((p) => p.name),
    headerNames: of("header").map((p) => [p.name, p.name.toLowerCase()] as const),
    path: compile("path"),
    query: compile("query"),
    header: compile("header"),
  };
  parameterCache.set(operation.operationId, found);
  return found;
}

export type { ErrorObject };
