import { ConnectionError } from "./ConnectionError.js";
import { TimeoutError } from "./TimeoutError.js";

/** The error for a request that got no response: it timed out, or the connection failed. */
export function requestFailure(
  cause: unknown,
  method: string,
  url: string,
  timedOut: boolean,
): ConnectionError | TimeoutError {
  return timedOut
    ? new TimeoutError({ method, url, cause, code: "timeout", message: "No response in time" })
    : new ConnectionError({
        method,
        url,
        cause,
        code: "connection_failed",
        message: "Connection failed",
      });
}
