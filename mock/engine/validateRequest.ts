import type { CompiledOperation } from "./compileOperations.js";
import { bodyValidator, type ErrorObject, parameterValidators } from "./compileValidators.js";
import { describeError, keepIntendedBranch, validationDetail } from "./describeFieldErrors.js";
import type { HeaderLookup } from "./EngineRequest.js";
import { ProblemError } from "./ProblemError.js";

export interface FieldError {
  pointer: string;
  detail: string;
}

/** Ajv errors as `{pointer, detail}` under a location prefix such as `/body` or `/query`. */
export function toFieldErrors(prefix: string, errors: readonly ErrorObject[]): FieldError[] {
  const kept = keepIntendedBranch(errors);
  // A failed validator always yields an error: the spec refused the value, so must the sandbox.
  if (kept.length === 0 && errors.length > 0) {
    return [{ pointer: prefix, detail: "does not match the API's schema" }];
  }
  return kept.map((error) => {
    const { params } = error;
    const extra =
      error.keyword === "required"
        ? params.missingProperty
        : error.keyword === "additionalProperties"
          ? params.additionalProperty
          : error.keyword === "unevaluatedProperties"
            ? params.unevaluatedProperty
            : undefined;
    const pointer =
      typeof extra === "string"
        ? `${prefix}${error.instancePath}/${extra.replace(/~/g, "~0").replace(/\//g, "~1")}`
        : `${prefix}${error.instancePath}`;
    const detail =
      error.keyword === "required"
        ? "is required"
        : extra !== undefined
          ? "is not allowed"
          : describeError(error);
    return { pointer, detail };
  });
}

export function validationFailed(errors: FieldError[]): ProblemError {
  return new ProblemError(400, "validation_failed", validationDetail(errors), { errors });
}

export interface ValidatedParameters {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
}

/**
 * Path, query and header parameters against their schemas (coerced to their types), then the
 * JSON body. Every failure of every location is reported at once, each with its pointer.
 */
export function validateRequest(
  operation: CompiledOperation,
  pathParams: Record<string, string>,
  search: URLSearchParams | null,
  headers: HeaderLookup,
  body: unknown,
): ValidatedParameters {
  const errors: FieldError[] = [];
  const validators = parameterValidators(operation);
  const path: Record<string, unknown> = { ...pathParams };
  if (validators.path && !validators.path(path)) {
    errors.push(...toFieldErrors("/path", validators.path.errors ?? []));
  }
  const query: Record<string, unknown> = {};
  if (validators.query) {
    if (search !== null) {
      for (const name of validators.queryNames) {
        const value = search.get(name);
        if (value !== null) query[name] = value;
      }
    }
    if (!validators.query(query)) {
      errors.push(...toFieldErrors("/query", validators.query.errors ?? []));
    }
  }
  if (validators.header) {
    const values: Record<string, unknown> = {};
    // Looked up lower-cased (HeaderLookup's contract): node's rawHeaders are matched that way.
    // An empty value is a value: a header the spec bounds below is then invalid, not absent.
    for (const [spelled, lookup] of validators.headerNames) {
      const value = headers.get(lookup);
      if (value !== null) values[spelled] = value;
    }
    if (!validators.header(values)) {
      errors.push(...toFieldErrors("/header", validators.header.errors ?? []));
    }
  }
  if (operation.body && body !== undefined) {
    const validate = bodyValidator(operation.body.schema);
    if (!validate(body)) errors.push(...toFieldErrors("/body", validate.errors ?? []));
  }
  if (errors.length > 0) throw validationFailed(errors);
  return { path, query };
}
