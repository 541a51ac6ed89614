import type { Client } from "openapi-fetch";
import { errorFromResponse } from "./errors/errorFromResponse.js";
import type { components, paths } from "./generated/schema.js";

/** Options of `downloadUrl` and `streamUrl`. */
export interface SignedUrlOptions {
  /** How long the link works, e.g. `"10m"` (default 5 minutes, at most 1 hour). */
  expiresIn?: components["schemas"]["Duration"];
}

/** An absolute URL from the API's `url`, which is relative to the base URL (path prefix kept). */
export function absoluteUrl(baseUrl: string, url: string): string {
  return url.startsWith("/") ? baseUrl + url : url;
}

/**
 * A link that downloads one file of an agent with no header at all (for `<a href>` or a browser):
 * mints a short-lived download token and returns an absolute URL carrying it.
 */
export async function downloadUrl(
  api: Client<paths>,
  baseUrl: string,
  agentId: string,
  filename: string,
  { expiresIn }: SignedUrlOptions = {},
): Promise<string> {
  const { data, error, response } = await api.POST("/v1/downloads/{agentId}/{filename}/token", {
    params: { path: { agentId, filename } },
    body: expiresIn === undefined ? undefined : { expires_in: expiresIn },
  });
  if (!data) throw errorFromResponse(response, error);
  return absoluteUrl(baseUrl, data.url);
}
