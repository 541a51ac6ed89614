import { ApiError } from "./ApiError.js";

/** No response: the connection failed, dropped, or a redirect could not be followed safely. */
export class ConnectionError extends ApiError {}
ConnectionError.prototype.name = "ConnectionError";
