// The spec's JSON Schemas, compiled with ajv on first use: the responses every cell is checked
// against, and the request bodies the tool varies to keep created names unique.
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { openapiDocument } from "../src/generated/openapi.js";

const SPEC_ID = "urn:latchkey:verify:openapi";

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

/** The validator of the schema at `pointer` in openapi.yaml (e.g. a response's schema). */
export function schemaAt(pointer: string): ValidateFunction {
  let validate = compiled.get(pointer);
  if (!validate) {
    if (!ajv) {
      // strict: false because the document carries OpenAPI keywords (example, x-…).
      ajv = new Ajv2020({ strict: false, allErrors: false, validateSchema: false });
      (addFormats as unknown as (instance: Ajv2020) => void)(ajv);
      ajv.addSchema(openapiDocument as object, SPEC_ID);
    }
    validate = ajv.compile({ $ref: `${SPEC_ID}#${pointer}` });
    compiled.set(pointer, validate);
  }
  return validate;
}

/** ajv's first complaint, as one line: `/data/0/id must match pattern "…"`. */
export function firstError(validate: ValidateFunction): string {
  const error = validate.errors?.[0];
  return error ? `${error.instancePath || "/"} ${error.message ?? "is invalid"}` : "is invalid";
}
