/**
 * Options of one request: the last argument of a resource method, or members of a path call's
 * init. Each overrides the client's option of the same name for this request only.
 */
export interface RequestOptions {
  /** Milliseconds until a response must have arrived, retries included; then `TimeoutError`. */
  timeout?: number;
  /** Retries of 408, 429, 5xx and failed connections after the first attempt (0: none). */
  maxRetries?: number;
  /** Stops the request; it then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** The `Idempotency-Key` to send on a POST, instead of a fresh random one. */
  idempotencyKey?: string;
  /** Headers to send with this request. */
  headers?: Record<string, string>;
  /** The agent to act as (`X-Agent-ID`) where the operation has an agent context. */
  agentId?: string;
}

/** The members of `RequestOptions` that openapi-fetch does not know: the SDK takes them out. */
export interface SdkOptions {
  timeout?: number | undefined;
  maxRetries?: number | undefined;
  idempotencyKey?: string | undefined;
  agentId?: string | undefined;
}
