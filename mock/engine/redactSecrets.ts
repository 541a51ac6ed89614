// Credentials removed from text the sandbox shows (problem details, challenges, log lines),
// whatever format the credential has and however it was percent-encoded.
import { tokenPatterns } from "../../src/generated/security.js";

/**
 * The fixed start of every credential format, read from the spec's `x-token-pattern`s (`lk_usr_`,
 * `lk_dlt_`, `eyJ`, …): a format added to the spec is redacted with no change here.
 */
export const secretPrefixes: readonly string[] = Object.values(tokenPatterns).map((pattern) => {
  const prefix = /^\^([A-Za-z_]+)/.exec(pattern)?.[1];
  if (!prefix) throw new Error(`x-token-pattern ${pattern} has no literal prefix to redact by.`);
  return prefix;
});

/**
 * From a prefix to the end of the run of characters a token (or its URL form) may hold. Wider
 * than the spec's exact shapes on purpose: a truncated, padded or forged key is still redacted.
 */
const secretRun = new RegExp(`(?:${secretPrefixes.join("|")})[A-Za-z0-9._~%+=-]*`, "g");

/** Percent-escapes decoded byte by byte: enough to see an ASCII token, never throws. */
function percentDecode(text: string): string {
  return text.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

// One pattern for "holds any prefix": a quarter of the cost of a search per prefix, and every
// request's path is asked (the log line and the request journal show it redacted).
const anyPrefix = new RegExp(secretPrefixes.join("|"));

function mayHoldSecret(text: string): boolean {
  return anyPrefix.test(text);
}

/**
 * `text` with every credential replaced by `[redacted]`. Text with a percent-encoded credential
 * (once, twice or thrice over) comes back decoded, so the redaction cannot be dodged by an
 * encoding; text with no credential comes back as it was.
 */
export function redactSecrets(text: string): string {
  let decoded = text;
  for (let round = 0; round < 3 && decoded.includes("%"); round++) decoded = percentDecode(decoded);
  return mayHoldSecret(decoded) ? decoded.replace(secretRun, "[redacted]") : text;
}
