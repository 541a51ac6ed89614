import { ApiError } from "./ApiError.js";

/** 401: no credential, or one the API does not accept (malformed, unknown, revoked, expired). */
export class AuthenticationError extends ApiError {}
AuthenticationError.prototype.name = "AuthenticationError";
