import type { Client } from "openapi-fetch";
import { errorFromResponse } from "./errors/errorFromResponse.js";
import type { components, paths } from "./generated/schema.js";

/** Options of `downloadUrl` and `streamUrl`. */
export interface SignedUrlOptions {
  /** How long the link works, e.g. `"10m"` (default 5 minutes, at most 1 hour). */
  expiresIn?: components["schemas"]["Duration"];
}

/** The operations that mint a signed token and answer with the URL that carries it. */
type TokenPath = "/v1/downloads/{agentId}/{filename}/token" | "/v1/generate/{jobId}/stream-token";
type Post = (
  path: TokenPath,
  init: { params: { path: Record<string, string> }; body?: { expires_in: string } },
) => Promise<{ data?: { url: string }; error?: unknown; response: Response }>;

/**
 * A URL that needs no header: a file to download (for `<a href>` or a browser) or a job's stream
 * (for a browser `EventSource`, which cannot send headers). Mints the short-lived token and
 * returns the absolute URL carrying it; the API's `url` is relative to the base URL.
 */
export async function signedUrl(
  api: Client<paths>,
  baseUrl: string,
  path: TokenPath,
  params: Record<string, string>,
  { expiresIn }: SignedUrlOptions = {},
): Promise<string> {
  const { data, error, response } = await (api.POST as Post)(path, {
    params: { path: params },
    body: expiresIn === undefined ? undefined : { expires_in: expiresIn },
  });
  if (!data) throw errorFromResponse(response, error);
  return data.url.startsWith("/") ? baseUrl + data.url : data.url;
}
