import { ApiError, type Problem } from "./ApiError.js";
import { AuthenticationError } from "./AuthenticationError.js";
import { NotFoundError } from "./NotFoundError.js";
import { PermissionDeniedError } from "./PermissionDeniedError.js";
import { RateLimitError } from "./RateLimitError.js";
import { ValidationError } from "./ValidationError.js";

/**
 * The request line ("GET https://…") of each failed response the client returned, so that
 * `unwrap()` can name the request in its message. Weak: it lives as long as the response.
 */
export const requestLines = new WeakMap<Response, readonly [method: string, url: string]>();

function asProblem(body: unknown): Problem | undefined {
  return typeof body === "object" && body !== null && "status" in body && "code" in body
    ? (body as Problem)
    : undefined;
}

/** The typed error for an error response whose body has already been read (`body`). */
export function errorFromResponse(
  response: Response,
  body: unknown,
  [method, url] = requestLines.get(response) ?? ["?", response.url],
): ApiError {
  const init = { method, url, response, problem: asProblem(body) };
  switch (response.status) {
    case 401:
      return new AuthenticationError(init);
    case 403:
      return new PermissionDeniedError(init);
    case 404:
      return new NotFoundError(init);
    case 429:
      return new RateLimitError(init);
    default:
      return init.problem?.code === "validation_failed"
        ? new ValidationError(init)
        : new ApiError(init);
  }
}
