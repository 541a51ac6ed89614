// Minting a signed query token (download or stream) and the URL that carries it. Short-lived
// by design: 5 minutes unless asked, never more than an hour, because the token travels in a URL
// (history, logs, referrers) where a header never goes.
import { schemes } from "../../../src/generated/security.js";
import type { EngineContext } from "../EngineContext.js";
import { instantAfter } from "../instants.js";
import { ProblemError } from "../ProblemError.js";
import { parseDuration } from "../parseDuration.js";
import { minterOf } from "../signedTokenGrant.js";
import type { Principal, Schemas } from "../types.js";
import { iso } from "./toApi.js";

const DEFAULT_TTL_MS = 5 * 60_000;
const MAX_TTL_MS = 60 * 60_000;
/** The query parameter each kind travels in, from the spec's query schemes. */
const parameterOf = {
  download_token: schemes.downloadToken.name,
  stream_token: schemes.streamToken.name,
} as const;

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
  /** The origin the request addressed (absent: the url stays relative). */
  origin: string | undefined;
  /** `expires_in` from the request body. */
  expiresIn: string | undefined;
  /** The credential minting it: the token ends with it, and never outlives it. */
  grantedBy: Principal;
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
  const asked = instantAfter(ctx.clock.now(), ttl, "/body/expires_in", "The token's expiry");
  const grantEnds = request.grantedBy.expiresAt;
  const expiresAt = grantEnds !== null && grantEnds < asked ? grantEnds : asked;
  const token = ctx.crypto.mintSignedToken(request.kind, {
    resource: request.resource,
    workspaceId: request.workspaceId,
    expiresAt,
    minter: minterOf(request.grantedBy),
  });
  return {
    token,
    url: `${request.origin ?? ""}${request.path}?${parameterOf[request.kind]}=${encodeURIComponent(token)}`,
    expires_at: iso(expiresAt),
  };
}
