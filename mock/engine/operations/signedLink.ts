// Minting a signed query token (download or stream) and the URL that carries it. Short-lived
// by design: 5 minutes unless asked, never more than an hour, because the token travels in a URL
// (history, logs, referrers) where a header never goes.
import type { EngineContext } from "../EngineContext.js";
import { ProblemError } from "../ProblemError.js";
import { parseDuration } from "../parseDuration.js";
import type { Schemas } from "../types.js";
import { iso } from "./toApi.js";

const DEFAULT_TTL_MS = 5 * 60_000;
const MAX_TTL_MS = 60 * 60_000;

export interface SignedLinkRequest {
  kind: "download_token" | "stream_token";
  /** What the token is bound to: `agentId/filename` or a job id. */
  resource: string;
  workspaceId: string;
  /** The path the token opens, without a query. */
  path: string;
  /**
   * The URL the minting request was sent to: the link is made absolute against its origin, so
   * it can go as is into an `<a href>`, an `EventSource` or a message to another program.
   */
  requestUrl: string;
  /** `expires_in` from the request body. */
  expiresIn: string | undefined;
}

export function signedLink(ctx: EngineContext, request: SignedLinkRequest): Schemas["SignedToken"] {
  const ttl =
    request.expiresIn === undefined
      ? DEFAULT_TTL_MS
      : parseDuration(request.expiresIn, "/body/expires_in");
  if (ttl > MAX_TTL_MS) {
    throw new ProblemError(400, "validation_failed", "A signed token lives at most 1 hour.", {
      errors: [{ pointer: "/body/expires_in", detail: "must be at most 1h" }],
    });
  }
  const expiresAt = ctx.clock.now() + ttl;
  const token = ctx.crypto.mintSignedToken(request.kind, {
    resource: request.resource,
    workspaceId: request.workspaceId,
    expiresAt,
  });
  return {
    token,
    url: `${originOf(request.requestUrl)}${request.path}?token=${encodeURIComponent(token)}`,
    expires_at: iso(expiresAt),
  };
}

/** `scheme://host[:port]` of an absolute URL, without parsing the rest of it. */
function originOf(url: string): string {
  const pathStart = url.indexOf("/", url.indexOf("//") + 2);
  return pathStart < 0 ? url : url.slice(0, pathStart);
}
