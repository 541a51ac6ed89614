const bodies = new WeakMap<Request, BodyInit>();

/**
 * The `Request` openapi-fetch builds with: a plain `Request`, its body kept beside it in a
 * WeakMap, so that a retry, a replay after a refresh or a 307/308 can send it again without
 * cloning every request up front. Not a subclass: its prototype is `Request.prototype`, so
 * openapi-fetch's `instanceof` check accepts any `Request`, a user's `new Request(…)` included.
 */
function TrackedRequest(input: RequestInfo | URL, init?: RequestInit): Request {
  const request = new Request(input, init);
  const body = init?.body;
  // A stream can be read once only; the transport keeps a copy of such a request instead.
  if (body != null && !(body instanceof ReadableStream)) bodies.set(request, body);
  return request;
}
if (typeof Request === "function") TrackedRequest.prototype = Request.prototype;

/** openapi-fetch's `Request` option. */
export const trackedRequest = TrackedRequest as unknown as typeof Request;

/** The body `request` was built with, if openapi-fetch built it and it can be sent again. */
export function trackedBody(request: Request): BodyInit | undefined {
  return bodies.get(request);
}
