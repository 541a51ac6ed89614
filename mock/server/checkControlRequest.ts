// The /_sandbox/* controls take no credential and can wipe every key, so a web page must not be
// able to call them: a page may send a "simple" cross-origin POST (text/plain, no preflight) and
// the browser delivers it even though the page cannot read the answer.
import type { IncomingHttpHeaders } from "node:http";
import { ProblemError } from "../engine/ProblemError.js";

const json = /^application\/(?:[a-z0-9.+-]+\+)?json\s*(?:;|$)/i;

function isControl(url: string): boolean {
  return url === "/_sandbox" || url.startsWith("/_sandbox/") || url.startsWith("/_sandbox?");
}

function hasBody(headers: IncomingHttpHeaders): boolean {
  const length = headers["content-length"];
  if (length !== undefined) return length !== "0";
  return headers["transfer-encoding"] !== undefined;
}

/**
 * Why this control request is refused, or null. `url` is the request target (path and query).
 * `trustedOrigins` are origins the operator named (`--cors-origin`), which may call the controls
 * across origins; the default `*` trusts none. Browsers mark cross-origin requests with `Origin`
 * and `Sec-Fetch-Site`; tools such as curl send neither, and are let through.
 */
export function checkControlRequest(
  method: string,
  url: string,
  headers: IncomingHttpHeaders,
  trustedOrigins: readonly string[] = [],
): ProblemError | null {
  if (!isControl(url)) return null;
  const origin = headers.origin;
  const site = headers["sec-fetch-site"];
  const trusted = origin !== undefined && origin !== "*" && trustedOrigins.includes(origin);
  const sameOrigin = origin === undefined || origin === `http://${headers.host ?? ""}`;
  if (!trusted && (!sameOrigin || site === "cross-site" || site === "same-site")) {
    return new ProblemError(
      403,
      "cross_origin_refused",
      "The /_sandbox controls refuse requests from web pages of other origins: call them from test code or a terminal, or trust the page's origin with --cors-origin.",
    );
  }
  if (method === "GET" || method === "HEAD") return null;
  const type = headers["content-type"];
  if ((type !== undefined || hasBody(headers)) && !json.test(type ?? "")) {
    return new ProblemError(
      415,
      "unsupported_media_type",
      "The /_sandbox controls take JSON only: send the body with Content-Type: application/json.",
    );
  }
  return null;
}
