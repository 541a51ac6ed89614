/** A fresh random key for one logical request, kept across its retries and replays. */
export function idempotencyKey(): string {
  const { crypto } = globalThis;
  // randomUUID exists only in secure contexts in browsers; getRandomValues everywhere.
  return (
    crypto.randomUUID?.() ??
    Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
      byte.toString(16).padStart(2, "0"),
    ).join("")
  );
}
