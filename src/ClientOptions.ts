import type { Middleware } from "openapi-fetch";
import type { SessionTokens } from "./credentials/SessionManager.js";
import type { SessionExpiredError } from "./errors/SessionExpiredError.js";
import type { CredentialHeader } from "./generated/security.js";
import type { Logger, LogLevel } from "./log.js";
import type { RetryPolicy } from "./retry.js";

/**
 * Who the client calls as: an API key or token; a provider of tokens (an outside identity
 * provider's JWT); or a session, signed in with email and password or resumed from stored tokens.
 */
export type Credentials =
  | string
  | { getToken: () => string | Promise<string> }
  | { email: string; password: string }
  | SessionTokens;

/** Options of `createClient`. */
export interface ClientOptions {
  /** The API's base URL, e.g. the sandbox's `http://127.0.0.1:4010`. */
  baseUrl: string;
  /** Who the client calls as; each operation gets it only if its `x-credentials` accept it. */
  credentials?: Credentials;
  /** Agent keys by agent slug, sent on `POST /v1/invoke/{agentSlug}` for that slug. */
  agentKeys?: Readonly<Record<string, string>>;
  /** The agent to act as (`X-Agent-ID`) on operations that have an agent context. */
  agentId?: string;
  /** The header that carries the credential: `Authorization: Bearer …` (default), `X-API-Key` or `Api-Key`. */
  authHeader?: CredentialHeader;
  /** The fetch to send with; defaults to the global fetch, looked up on every request. */
  fetch?: (request: Request) => Promise<Response>;
  /** Retries of 408, 429, 5xx and failed connections after the first attempt (default 2; 0: none). */
  maxRetries?: number;
  /** How long to wait between retries (exponential backoff with full jitter, `Retry-After` honoured). */
  retryBackoff?: Partial<Omit<RetryPolicy, "limit">>;
  /** Milliseconds until a response must have arrived, retries included; then `TimeoutError`. */
  timeout?: number;
  /** Throw typed errors instead of returning `{ error }`. */
  throwOnError?: boolean;
  /** Allow credentials over plain `http://` to a host that is not loopback (never in production). */
  allowInsecureHttp?: boolean;
  /** Refresh a session this many ms before its access token expires (default 60 000). */
  refreshMarginMs?: number;
  /** The clock (epoch ms) that judges session expiry; tests move it with the sandbox clock. */
  now?: () => number;
  /** Receives a session's new tokens after each sign-in and refresh, to persist them. */
  onTokens?: (tokens: SessionTokens) => void | Promise<void>;
  /** Called once when the session ends because sign-in or refresh was refused. */
  onSessionEnded?: (error: SessionExpiredError) => void;
  /**
   * openapi-fetch middleware to run before the SDK's own (which sets the credential, `X-Agent-ID`
   * and `Idempotency-Key`); `client.use()` adds middleware that runs after it.
   */
  middleware?: readonly Middleware[];
  /** Headers sent with every request. */
  headers?: Readonly<Record<string, string>>;
  /**
   * What to log (default `"off"`, or the `LATCHKEY_LOG` environment variable where `process`
   * exists): `"error"`, `"warn"`, `"info"` (retries, sessions) or `"debug"` (every request).
   * No secret is ever logged.
   */
  logLevel?: LogLevel;
  /** Where logs go (default `console`): any object with console's four methods, e.g. pino. */
  logger?: Logger;
}
