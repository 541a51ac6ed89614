import { AuthenticationError } from "./AuthenticationError.js";

/**
 * The session could not be started or renewed (wrong password, refresh token reused, revoked or
 * expired). The session is over: every later request of the client fails with this error until a
 * new client signs in.
 */
export class SessionExpiredError extends AuthenticationError {}
SessionExpiredError.prototype.name = "SessionExpiredError";
