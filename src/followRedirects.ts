import { credentialHeaders } from "./credentialHeaders.js";

/** Headers that carry who the caller is: never sent to another origin. */
const CREDENTIAL_HEADERS = [...credentialHeaders, "X-Agent-ID", "Cookie"];
const MAX_HOPS = 10;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Whether a response asks to be followed elsewhere. */
export function isRedirect(response: Response): boolean {
  return REDIRECTS.has(response.status);
}

/**
 * Follows the redirect `response` answered to `request` (sent with `redirect: "manual"`): fetch
 * would keep custom headers such as `X-API-Key` on a hop to another origin, so credentials are
 * stripped here whenever a hop changes origin. `body` resends the body on 307/308; without it
 * those are returned as they are.
 */
export async function followRedirects(
  fetch: (request: Request) => Promise<Response>,
  request: Request,
  response: Response,
  body: BodyInit | undefined,
): Promise<Response> {
  let current = request;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const location = isRedirect(response) && response.headers.get("Location");
    if (!location) return response;
    const keepsBody = response.status === 307 || response.status === 308;
    if (keepsBody && current.body !== null && body === undefined) return response;
    const target = new URL(location, current.url);
    const headers = new Headers(current.headers);
    if (target.origin !== new URL(current.url).origin) {
      for (const name of CREDENTIAL_HEADERS) headers.delete(name);
    }
    if (!keepsBody) {
      headers.delete("Content-Type");
      headers.delete("Content-Length");
    }
    await response.body?.cancel();
    current = new Request(target, {
      method: keepsBody || current.method === "HEAD" ? current.method : "GET",
      headers,
      body: keepsBody && current.body !== null ? body : undefined,
      redirect: "manual",
      signal: current.signal,
    });
    response = await fetch(current);
  }
  return response;
}
