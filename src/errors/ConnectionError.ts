import { ApiError, brand, isBranded } from "./ApiError.js";

/** No response: the connection failed, dropped, or a redirect could not be followed safely. */
export class ConnectionError extends ApiError {}
brand(ConnectionError, "ConnectionError");

/** True for a `ConnectionError`, from any copy of the SDK (`instanceof` is not). */
export const isConnectionError = isBranded<ConnectionError>("ConnectionError");
