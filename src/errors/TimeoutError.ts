import { ApiError, brand, isBranded } from "./ApiError.js";

/** No response within the client's `timeout` (retries included). */
export class TimeoutError extends ApiError {}
brand(TimeoutError, "TimeoutError");

/** True for a `TimeoutError`, from any copy of the SDK (`instanceof` is not). */
export const isTimeoutError = isBranded<TimeoutError>("TimeoutError");
