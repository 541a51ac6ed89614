import { ApiError, type ApiErrorInit, brand, isBranded } from "./ApiError.js";

/** 429: this credential made too many requests. */
export class RateLimitError extends ApiError {
  /** Seconds to wait before retrying (`Retry-After`, else the problem's `retry_after`). */
  readonly retryAfter: number | undefined;

  constructor(init: ApiErrorInit) {
    super(init);
    const header = Number.parseInt(init.response?.headers.get("Retry-After") ?? "", 10);
    this.retryAfter = Number.isNaN(header) ? this.problem?.retry_after : header;
  }
}
brand(RateLimitError, "RateLimitError");

/** True for a `RateLimitError`, from any copy of the SDK (`instanceof` is not). */
export const isRateLimitError = isBranded<RateLimitError>("RateLimitError");
