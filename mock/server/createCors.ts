// CORS for browsers calling the sandbox: preflights answered here, response headers added to
// the engine's answers. Credentials travel in headers, never cookies, so no Allow-Credentials.
import type { IncomingMessage, ServerResponse } from "node:http";
import { headerSchemes, operationSecurity } from "../../src/generated/security.js";

/** Request headers a browser may send: every credential header and the API's own. */
export const corsAllowedHeaders = [
  ...Object.keys(headerSchemes),
  "X-Agent-ID",
  "Idempotency-Key",
  "Last-Event-ID",
  "Content-Type",
];

/** Response headers a browser's script may read: what the SDK needs to explain an error. */
export const corsExposedHeaders = [
  "X-Request-Id",
  "WWW-Authenticate",
  "RateLimit-Limit",
  "RateLimit-Remaining",
  "RateLimit-Reset",
  "Retry-After",
];

/** The methods the spec uses, so the preflight answer follows the spec. */
export const corsAllowedMethods = [
  ...new Set(Object.values(operationSecurity).map((op) => op.method.toUpperCase())),
  "OPTIONS",
];

export interface Cors {
  /** Answers a CORS preflight and returns true; false for any other request. */
  preflight(req: IncomingMessage, res: ServerResponse): boolean;
  /** Headers for an ordinary response to `req`, as a flat name/value list. */
  headers(req: IncomingMessage): readonly string[] | undefined;
}

/** `origins`: exact origins such as `http://localhost:5173`, or `*` (the default) for any. */
export function createCors(origins: readonly string[] = ["*"]): Cors {
  const any = origins.includes("*");
  const allowed = new Set(origins);
  const exposed = corsExposedHeaders.join(", ");
  const anyHeaders = ["access-control-allow-origin", "*", "access-control-expose-headers", exposed];

  const allowOrigin = (origin: string | undefined): string | undefined => {
    if (origin === undefined) return undefined;
    if (any) return "*";
    return allowed.has(origin) ? origin : undefined;
  };

  return {
    preflight(req, res) {
      if (req.method !== "OPTIONS" || req.headers["access-control-request-method"] === undefined) {
        return false;
      }
      const origin = allowOrigin(req.headers.origin);
      const headers: string[] = any ? [] : ["vary", "Origin"];
      if (origin !== undefined) {
        headers.push(
          "access-control-allow-origin",
          origin,
          "access-control-allow-methods",
          corsAllowedMethods.join(", "),
          "access-control-allow-headers",
          corsAllowedHeaders.join(", "),
          "access-control-max-age",
          "600",
        );
      }
      // A refused origin gets no Allow-* headers, which is how a browser learns the answer.
      res.writeHead(204, headers);
      res.end();
      req.resume();
      return true;
    },
    headers(req) {
      const origin = req.headers.origin;
      if (any) return origin === undefined ? undefined : anyHeaders;
      const allowedOrigin = allowOrigin(origin);
      if (allowedOrigin === undefined) return ["vary", "Origin"];
      return [
        "vary",
        "Origin",
        "access-control-allow-origin",
        allowedOrigin,
        "access-control-expose-headers",
        exposed,
      ];
    },
  };
}
