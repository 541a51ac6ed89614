/** How the client retries 408, 429, 5xx answers and failed connections. */
export interface RetryPolicy {
  /** Retries after the first attempt; 0 turns retrying off. */
  readonly limit: number;
  /** The backoff's first ceiling; attempt n waits a random time up to base · 2ⁿ (full jitter). */
  readonly baseDelayMs: number;
  /** The backoff's largest ceiling. */
  readonly maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the response is returned instead. */
  readonly maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  limit: 2,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

/** Statuses worth another try: the server did not do the work, or may not have. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status === 500 || (status >= 502 && status <= 504);
}

/** `Retry-After` in ms (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** How long to wait before retry number `attempt` (0-based); undefined means do not retry. */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  response?: Response,
): number | undefined {
  const told = parseRetryAfter(response?.headers.get("Retry-After") ?? null);
  if (told !== undefined) return told > policy.maxRetryAfterMs ? undefined : told;
  return Math.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
}

/** Settles as `promise` does, or rejects with the signal's reason as soon as it aborts. */
export function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal?.reason);
    if (signal?.aborted) onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal?.removeEventListener("abort", onAbort));
  });
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const waited = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return abortable(waited, signal).finally(() => clearTimeout(timer));
}
