import { ApiError } from "./ApiError.js";

/** No response within the client's `timeout` (retries included). */
export class TimeoutError extends ApiError {}
TimeoutError.prototype.name = "TimeoutError";
