// CONNECT asks a proxy for a tunnel (RFC 9110 §9.3.6); the sandbox is no proxy. node:http hands
// CONNECT to a listener of its own, which sends it here like any other request, so it is answered
// (405 or 400, a problem document, X-Request-Id, logged) instead of the socket being dropped.
import { ProblemError } from "./ProblemError.js";
import { invalidRequest } from "./wwwAuthenticate.js";

/** Always throws: 405 for an authority target (`host:port`), 400 for any other target. */
export function rejectConnect(target: string): never {
  if (target.startsWith("/") || target === "*") {
    // RFC 9112 §3.2.3: CONNECT's target is an authority; `CONNECT /v1/agents` is malformed.
    throw invalidRequest("CONNECT takes an authority (host:port) as its target, not a path.");
  }
  // The target resource (a tunnel to that authority) allows no method here: an empty Allow
  // says exactly that (RFC 9110 §10.2.1).
  throw new ProblemError(
    405,
    "method_not_allowed",
    "This sandbox is not a proxy: CONNECT opens no tunnel here. Call its paths with GET, POST, PUT, PATCH or DELETE.",
    {},
    { allow: "" },
  );
}
