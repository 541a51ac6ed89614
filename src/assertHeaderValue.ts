const FORBIDDEN = /[\r\n\0]/;

/**
 * Refuses a header value with CR, LF or NUL before fetch sees it: fetch would throw a TypeError
 * quoting the whole value, a credential included. `what` names the value, never shows it.
 */
export function assertHeaderValue(value: string, what: string): void {
  if (FORBIDDEN.test(value)) {
    throw new TypeError(
      `latchkey: ${what} contains a line break or NUL character, which no HTTP header may carry; check how it was read (a trailing newline from a file or an environment variable?)`,
    );
  }
}

/** The same check over per-call headers (a record or a list of pairs, as openapi-fetch takes). */
export function assertHeaderValues(headers: unknown, where: string): void {
  if (headers === null || typeof headers !== "object" || headers instanceof Headers) return;
  const entries = Array.isArray(headers) ? headers : Object.entries(headers);
  for (const entry of entries) {
    const [name, value] = entry as [unknown, unknown];
    if (typeof value === "string") assertHeaderValue(value, `${where} ${String(name)} header`);
  }
}
