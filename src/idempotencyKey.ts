/** A fresh random key for one logical request, kept across its retries and replays. */
export function idempotencyKey(): string {
  const { crypto } = globalThis;
  // randomUUID exists only in secure contexts in browsers; getRandomValues everywhere (128
  // random bits as two decimal numbers: the API takes any string of 1 to 255 characters).
  return crypto.randomUUID?.() ?? crypto.getRandomValues(new BigUint64Array(2)).join("-");
}
