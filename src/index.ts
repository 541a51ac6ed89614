export type { ClientOptions, Credentials } from "./ClientOptions.js";
export { createClient } from "./createClient.js";
export type { SessionTokens } from "./credentials/SessionManager.js";
export { ApiError, type ErrorCode, isApiError, type Problem } from "./errors/ApiError.js";
export { AuthenticationError, isAuthenticationError } from "./errors/AuthenticationError.js";
export { ConnectionError, isConnectionError } from "./errors/ConnectionError.js";
export { isNotFoundError, NotFoundError } from "./errors/NotFoundError.js";
export { isPermissionDeniedError, PermissionDeniedError } from "./errors/PermissionDeniedError.js";
export { isRateLimitError, RateLimitError } from "./errors/RateLimitError.js";
export { isSessionExpiredError, SessionExpiredError } from "./errors/SessionExpiredError.js";
export { isTimeoutError, TimeoutError } from "./errors/TimeoutError.js";
export { isValidationError, ValidationError } from "./errors/ValidationError.js";
export type { components, operations, paths } from "./generated/schema.js";
export type {
  ClientSummary,
  LatchkeyClient,
  ListItem,
  ListPath,
  Page,
} from "./LatchkeyClient.js";
export { parseWwwAuthenticate, type WwwAuthenticate } from "./parseWwwAuthenticate.js";
export type { RetryPolicy } from "./retry.js";
export type { SignedUrlOptions } from "./signedUrl.js";
export type { JobEvent, StreamJobOptions } from "./streamJob.js";
export { unwrap } from "./unwrap.js";
