import { type Credential, headerValue, planOf } from "./callPlan.js";
import { credentialHeaders, isUnder } from "./credentialHeaders.js";
import type { CredentialSource } from "./credentials/CredentialSource.js";
import { isApiError } from "./errors/ApiError.js";
import { ConnectionError } from "./errors/ConnectionError.js";
import { requestLines } from "./errors/errorFromResponse.js";
import { requestFailure } from "./errors/requestFailure.js";
import { followRedirects, isRedirect } from "./followRedirects.js";
import { isExpired } from "./isExpired.js";
import { isLoopback } from "./isLoopback.js";
import type { Log } from "./log.js";
import { abortable, isRetryableStatus, type RetryPolicy, retryDelay, sleep } from "./retry.js";

/** What the transport needs; fixed per client. */
export interface TransportConfig {
  /** The base URL as requests spell it, without a trailing slash: the credential's only origin. */
  readonly prefix: string;
  readonly source: CredentialSource | undefined;
  readonly retry: RetryPolicy;
  readonly timeoutMs: number | undefined;
  readonly allowInsecureHttp: boolean;
  /** The client's log; undefined when it logs nothing. */
  readonly log?: Log | undefined;
}

/**
 * What sends a call's final request, beneath every middleware: refuses credentials over plain
 * http, keeps the SDK's credential from other origins, follows redirects without leaking it,
 * retries, and replays once with a renewed token after `token_expired` — the same body and
 * headers (`Idempotency-Key` included) each time.
 */
export function transport(
  c: TransportConfig,
  request: Request,
  fetch: (request: Request) => Promise<Response>,
): Promise<Response> {
  const { url } = request;
  const credential = planOf(request)?.credential;
  // A user's middleware after the SDK's may have pointed the request elsewhere: the SDK's
  // credential stays home (a caller's own header stays too: it is theirs).
  if (
    credential &&
    !isUnder(c.prefix, url) &&
    request.headers.get(credential.header) === headerValue(credential)
  ) {
    request.headers.delete(credential.header);
    request.headers.delete("X-Agent-ID");
  }
  if (
    !c.allowInsecureHttp &&
    url.startsWith("http:") &&
    credentialHeaders.some((name) => request.headers.has(name))
  ) {
    // Thrown here, it still rejects the call: openapi-fetch awaits this inside its own.
    assertSecure(new URL(url));
  }
  // The common call (no body to keep, no deadline) is sent at once and returned when it is ok:
  // only an answer that is not, or a failure, pays for the machinery below.
  if (request.body !== null || c.timeoutMs !== undefined || c.log !== undefined) {
    return attempts(c, request, fetch, credential);
  }
  let first: Promise<Response>;
  try {
    first = fetch(request);
  } catch (error) {
    first = Promise.reject(error);
  }
  const rest = () => attempts(c, request, fetch, credential, first);
  return first.then((response) => (response.ok ? response : rest()), rest);
}

/** Sends (or takes the first answer given), then follows, renews and retries as needed. */
async function attempts(
  c: TransportConfig,
  request: Request,
  fetch: (request: Request) => Promise<Response>,
  credential: Credential | undefined,
  first?: Promise<Response>,
): Promise<Response> {
  const { method, url } = request;
  const { log } = c;
  const started = log ? Date.now() : 0;
  const line = () => `${method} ${url}`;
  const retrying = (attempt: number, delay: number, reason: string) =>
    log?.(
      "info",
      `retry ${attempt + 1} of ${c.retry.limit} for ${line()} in ${Math.round(delay)} ms: ${reason}`,
    );
  // The SDK's token as its middleware set it: a resend renews it only where it still is.
  const sent = credential?.token;
  // An unread copy to resend the body from, read only if a resend comes.
  const spare = request.body === null ? undefined : request.clone();
  let body: ArrayBuffer | undefined;
  const replayBody = async () => (body ??= await spare?.arrayBuffer());
  const again = async () => {
    const next = new Request(request, { body: await replayBody() });
    if (credential && next.headers.get(credential.header) === headerValue(credential, sent)) {
      next.headers.set(credential.header, headerValue(credential));
    }
    return next;
  };
  const userSignal = request.signal;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let deadline: AbortController | undefined;
  let send = fetch;
  if (c.timeoutMs !== undefined) {
    const controller = new AbortController();
    deadline = controller;
    timer = setTimeout(
      () => controller.abort(new DOMException("timeout", "TimeoutError")),
      c.timeoutMs,
    );
    request = new Request(request, { signal: AbortSignal.any([userSignal, controller.signal]) });
    // A fetch that ignores signals (an in-memory one) must still not outlive the deadline.
    send = (attempt) => abortable(fetch(attempt), controller.signal);
  }
  try {
    let current = request;
    for (let attempt = 0, renewed = false; ; ) {
      let response: Response;
      try {
        const pending = first ?? send(current);
        first = undefined;
        response = await pending;
        if (isRedirect(response)) {
          response = await followRedirects(send, current, response, await replayBody());
        }
        log?.(
          "debug",
          `${line()} → ${response.status} ${response.headers.get("X-Request-Id") ?? "(no request id)"} after ${Date.now() - started} ms`,
        );
      } catch (cause) {
        if (userSignal.aborted || deadline?.signal.aborted) throw cause;
        // The cause's name only: a runtime's message may quote the request's headers.
        const reason = `no response (${(cause as Error | undefined)?.name ?? "error"})`;
        if (attempt >= c.retry.limit) {
          log?.("error", `${line()}: ${reason}`);
          throw requestFailure(cause, method, url, false);
        }
        const delay = retryDelay(c.retry, attempt) ?? 0;
        retrying(attempt, delay, reason);
        await sleep(delay, request.signal);
        attempt++;
        current = await again();
        continue;
      }
      if (response.ok) return response;
      if (response.type === "opaqueredirect") {
        const message = "Redirect not followed: this runtime hides where it leads";
        throw new ConnectionError({ method, url, code: "connection_failed", message });
      }
      if (
        response.status === 401 &&
        credential?.renewable &&
        !renewed &&
        // Renew only what the SDK sent: a later middleware may have put its own credential.
        current.headers.get(credential.header) === headerValue(credential) &&
        (await isExpired(response))
      ) {
        renewed = true;
        log?.("info", `${line()}: token expired; renewing the credential and replaying once`);
        const fresh = await c.source?.renew?.(credential.token);
        if (fresh !== undefined) {
          credential.token = fresh;
          current = await again();
          continue;
        }
      }
      const delay =
        attempt < c.retry.limit && isRetryableStatus(response.status)
          ? retryDelay(c.retry, attempt, response)
          : undefined;
      if (delay !== undefined) {
        retrying(attempt, delay, `${response.status}`);
        await response.body?.cancel();
        await sleep(delay, request.signal);
        attempt++;
        current = await again();
        continue;
      }
      requestLines.set(response, [method, url]);
      return response;
    }
  } catch (error) {
    if (deadline?.signal.aborted && !userSignal.aborted && !isApiError(error)) {
      log?.("error", `${line()}: no response within ${c.timeoutMs} ms`);
      throw requestFailure(error, method, url, true);
    }
    throw error;
  } finally {
    // Only a call with a timeout has a timer (clearing none is not free: this runs per call).
    if (timer !== undefined) clearTimeout(timer);
  }
}

/** Plain http carries a credential only to loopback, unless the client allows it. */
export function assertSecure({ protocol, hostname, host }: URL): void {
  if (protocol === "http:" && !isLoopback(hostname)) {
    throw new TypeError(
      `latchkey: refusing to send credentials over plain http:// to ${host}; use https:// (or allowInsecureHttp: true on a network you trust)`,
    );
  }
}
