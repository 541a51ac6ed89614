import { ApiError, type ApiErrorInit, brand, isBranded, type Problem } from "./ApiError.js";

/** 400 `validation_failed`: the body or a parameter does not match the API's schema. */
export class ValidationError extends ApiError {
  /** Each failure, with a JSON pointer such as `/body/slug` or `/query/limit`. */
  readonly errors: NonNullable<Problem["errors"]>;

  constructor(init: ApiErrorInit) {
    super(init);
    this.errors = this.problem?.errors ?? [];
  }
}
brand(ValidationError, "ValidationError");

/** True for a `ValidationError`, from any copy of the SDK (`instanceof` is not). */
export const isValidationError = isBranded<ValidationError>("ValidationError");
