import type { Log } from "./log.js";

/**
 * The fetch a session signs in and refreshes with, logging each exchange and its time (its body
 * holds a password or refresh token: only the method, URL and status are logged).
 */
export function loggedSessionFetch(
  fetch: (request: Request) => Promise<Response>,
  log: Log,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const started = Date.now();
    const line = `session: ${request.method} ${request.url}`;
    try {
      const response = await fetch(request);
      const id = response.headers.get("X-Request-Id") ?? "(no request id)";
      log(
        response.ok ? "info" : "warn",
        `${line} → ${response.status} ${id} after ${Date.now() - started} ms`,
      );
      return response;
    } catch (error) {
      log("error", `${line}: no response (${(error as Error | undefined)?.name ?? "error"})`);
      throw error;
    }
  };
}
