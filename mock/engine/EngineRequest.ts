// What the engine reads of a request. Each adapter fills it from what it has (a Web Request, a
// node:http IncomingMessage) without building the other's objects.

/** Header lookup by lower-case name; repeated headers joined with ", " as Web Headers does. */
export interface HeaderLookup {
  get(name: string): string | null;
  /**
   * Lower-case names of the headers sent more than once, where the adapter can tell (node:http's
   * rawHeaders). Web Headers cannot: it has already joined repeats, and the joined value is
   * judged instead.
   */
  repeated?(): string[];
}

export interface EngineRequest {
  readonly method: string;
  /** The path as sent, percent-encoding kept, without the query. */
  readonly path: string;
  /** The query string as sent, without the "?"; "" when there is none. */
  readonly query: string;
  readonly headers: HeaderLookup;
  /**
   * The body bytes, or null when none was sent. An adapter reads at most BODY_LIMIT + 1 bytes,
   * so a body longer than the limit arrives truncated and is still answered 413.
   */
  readonly body: Uint8Array | null;
  /** Aborted when the client goes away before its answer is complete. */
  readonly signal?: AbortSignal | undefined;
  /**
   * `scheme://host[:port]` the client addressed, for absolute links in answers (a minted
   * download URL); absent when the adapter cannot tell.
   */
  readonly origin?: string | undefined;
  /** The client's address, where the adapter knows it (for per-address limits). */
  readonly remoteAddress?: string | undefined;
}

/** Splits a request target (`/v1/agents?limit=2`) into path and query. */
export function splitTarget(target: string): { path: string; query: string } {
  const q = target.indexOf("?");
  return q < 0
    ? { path: target, query: "" }
    : { path: target.slice(0, q), query: target.slice(q + 1) };
}
