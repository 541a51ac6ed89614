const FORBIDDEN = /[\r\n\0]/;

/**
 * Refuses a header value with CR, LF or NUL before fetch sees it: fetch would throw a TypeError
 * quoting the whole value, a credential included. `what` names the value, never shows it.
 */
export function assertHeaderValue(value: unknown, what: string): void {
  if (typeof value === "string" && FORBIDDEN.test(value)) {
    throw new TypeError(`latchkey: ${what} holds a line break or NUL, which no header may carry`);
  }
}

/** The same check over headers given as a record, as openapi-fetch takes them per call. */
export function assertHeaderValues(headers: object | undefined, where: string): void {
  // A Headers object has no own entries here, and has refused such values already.
  for (const [name, value] of Object.entries(headers ?? {})) {
    assertHeaderValue(value, `${where} ${name} header`);
  }
}
