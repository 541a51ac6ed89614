import type { ApiError } from "./errors/ApiError.js";
import { errorFromResponse } from "./errors/errorFromResponse.js";

/** What every client call resolves to. */
export interface CallResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** The error a failed call stands for; undefined when it succeeded. */
export function errorOf(result: CallResult): ApiError | undefined {
  return result.error !== undefined || !result.response.ok
    ? errorFromResponse(result.response, result.error)
    : undefined;
}

/**
 * The data of a call, or its typed error thrown (`AuthenticationError`, `PermissionDeniedError`…):
 * `const agents = await unwrap(client.GET("/v1/agents"))`.
 */
export async function unwrap<R extends CallResult>(
  result: R | PromiseLike<R>,
): Promise<Exclude<R["data"], undefined>> {
  const settled = await result;
  const error = errorOf(settled);
  if (error) throw error;
  return settled.data as Exclude<R["data"], undefined>;
}
