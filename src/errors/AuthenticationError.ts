import { ApiError, brand, isBranded } from "./ApiError.js";

/** 401: no credential, or one the API does not accept (malformed, unknown, revoked, expired). */
export class AuthenticationError extends ApiError {}
brand(AuthenticationError, "AuthenticationError");

/** True for a `AuthenticationError`, from any copy of the SDK (`instanceof` is not). */
export const isAuthenticationError = isBranded<AuthenticationError>("AuthenticationError");
