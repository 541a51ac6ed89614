import type { Client } from "openapi-fetch";
import { absoluteUrl, type SignedUrlOptions } from "./downloadUrl.js";
import { errorFromResponse } from "./errors/errorFromResponse.js";
import type { paths } from "./generated/schema.js";

/**
 * A URL for a browser `EventSource` (which cannot send headers) on a job's progress stream:
 * mints a short-lived stream token and returns an absolute URL carrying it.
 */
export async function streamUrl(
  api: Client<paths>,
  baseUrl: string,
  jobId: string,
  { expiresIn }: SignedUrlOptions = {},
): Promise<string> {
  const { data, error, response } = await api.POST("/v1/generate/{jobId}/stream-token", {
    params: { path: { jobId } },
    body: expiresIn === undefined ? undefined : { expires_in: expiresIn },
  });
  if (!data) throw errorFromResponse(response, error);
  return absoluteUrl(baseUrl, data.url);
}
