import { brand, isBranded } from "./ApiError.js";
import { AuthenticationError } from "./AuthenticationError.js";

/**
 * The session could not be started or renewed (wrong password, refresh token reused, revoked or
 * expired). The session is over: every later request of the client fails with this error until a
 * new client signs in.
 */
export class SessionExpiredError extends AuthenticationError {}
brand(SessionExpiredError, "SessionExpiredError");

/** True for a `SessionExpiredError`, from any copy of the SDK (`instanceof` is not). */
export const isSessionExpiredError = isBranded<SessionExpiredError>("SessionExpiredError");
