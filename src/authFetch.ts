import type { CredentialSource } from "./credentials/CredentialSource.js";
import { isApiError } from "./errors/ApiError.js";
import { ConnectionError } from "./errors/ConnectionError.js";
import { requestLines } from "./errors/errorFromResponse.js";
import { requestFailure } from "./errors/requestFailure.js";
import { followRedirects, isRedirect } from "./followRedirects.js";
import { attachCredential, type Credential, prepareRequest } from "./prepareRequest.js";
import { ReplayableRequest } from "./ReplayableRequest.js";
import { isRetryableStatus, type RetryPolicy, retryDelay, sleep } from "./retry.js";

/** The header schemes a client may prefer. */
export type HeaderScheme = "bearerAuth" | "apiKeyHeader" | "apiKeyAltHeader";

/** Everything the fetch beneath openapi-fetch needs; fixed per client. */
export interface AuthFetchConfig {
  /** The base URL as requests spell it, without a trailing slash: only URLs under it get credentials. */
  readonly prefix: string;
  readonly fetch: (request: Request) => Promise<Response>;
  readonly source: CredentialSource | undefined;
  readonly agentKeys: ReadonlyMap<string, string> | undefined;
  readonly agentId: string | undefined;
  readonly scheme: HeaderScheme;
  readonly retry: RetryPolicy;
  readonly timeoutMs: number | undefined;
}

/**
 * The fetch the client hands to openapi-fetch: per operation of the spec it adds the credential
 * the operation accepts, `X-Agent-ID` and `Idempotency-Key`; beneath that it follows redirects
 * without leaking credentials, retries, and replays once after a session token expired.
 */
export function createAuthFetch(config: AuthFetchConfig): (request: Request) => Promise<Response> {
  return (request) => authFetch(config, request);
}

async function authFetch(c: AuthFetchConfig, request: Request): Promise<Response> {
  const { method, url } = request;
  const body = request instanceof ReplayableRequest ? request.replayBody : undefined;
  const userSignal = request.signal;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let deadline: AbortController | undefined;
  let send = c.fetch;
  if (c.timeoutMs !== undefined) {
    const controller = new AbortController();
    deadline = controller;
    timer = setTimeout(
      () => controller.abort(new DOMException("timeout", "TimeoutError")),
      c.timeoutMs,
    );
    request = new Request(request, { signal: AbortSignal.any([userSignal, controller.signal]) });
    // A fetch that ignores signals (an in-memory one) must still not outlive the deadline.
    send = (attempt) => abortable(c.fetch(attempt), controller.signal);
  }
  try {
    const own = url.startsWith(c.prefix) && "/?".includes(url.charAt(c.prefix.length) || "/");
    const prepared = own ? prepareRequest(c, request) : undefined;
    const credential = prepared instanceof Promise ? await prepared : prepared;
    const replayable = body !== undefined || request.body === null;
    let current = request;
    for (let attempt = 0, renewed = false; ; ) {
      let response: Response;
      try {
        response = await send(current);
        if (isRedirect(response)) response = await followRedirects(send, current, response, body);
      } catch (cause) {
        if (userSignal.aborted || deadline?.signal.aborted) throw cause;
        if (attempt >= c.retry.limit || !replayable)
          throw requestFailure(cause, method, url, false);
        await sleep(retryDelay(c.retry, attempt) ?? 0, request.signal);
        attempt++;
        current = replay(request, body, credential);
        continue;
      }
      if (response.type === "opaqueredirect") {
        const message = "Redirect not followed: this runtime hides where it leads";
        throw new ConnectionError({ method, url, code: "connection_failed", message });
      }
      if (
        response.status === 401 &&
        credential?.renewable &&
        !renewed &&
        replayable &&
        (await isExpired(response))
      ) {
        renewed = true;
        const fresh = await c.source?.renew?.(credential.token);
        if (fresh !== undefined) {
          credential.token = fresh;
          current = replay(request, body, credential);
          continue;
        }
      }
      const delay =
        attempt < c.retry.limit && replayable && isRetryableStatus(response.status)
          ? retryDelay(c.retry, attempt, response)
          : undefined;
      if (delay !== undefined) {
        await response.body?.cancel();
        await sleep(delay, request.signal);
        attempt++;
        current = replay(request, body, credential);
        continue;
      }
      if (!response.ok) requestLines.set(response, [method, url]);
      return response;
    }
  } catch (error) {
    if (deadline?.signal.aborted && !userSignal.aborted && !isApiError(error)) {
      throw requestFailure(error, method, url, true);
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** A fresh copy of the request to send again, with the current credential. */
function replay(
  original: Request,
  body: BodyInit | undefined,
  credential: Credential | undefined,
): Request {
  const next = new Request(original, body === undefined ? undefined : { body });
  if (credential) attachCredential(next.headers, credential);
  return next;
}

/** Whether a 401 says the token expired (the one failure a renewed token fixes). */
async function isExpired(response: Response): Promise<boolean> {
  if (!response.headers.get("WWW-Authenticate")?.includes("invalid_token")) return false;
  try {
    const problem: unknown = await response.clone().json();
    return (problem as { code?: unknown } | null)?.code === "token_expired";
  } catch {
    return false;
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
