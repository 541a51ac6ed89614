import { tokenPatterns } from "./generated/security.js";
import { redactUrl } from "./redactUrl.js";

// Each credential kind's literal prefix (`lk_usr_`, `eyJ`…), read from the spec's token patterns:
// whatever follows one, up to a delimiter, is redacted, so a malformed or truncated key is too.
const prefixes = Object.values(tokenPatterns).flatMap((pattern) => {
  const prefix = /^\^([A-Za-z0-9_]+)/.exec(pattern)?.[1];
  return prefix ? [prefix] : [];
});
const TOKEN = new RegExp(`(?:${prefixes.join("|")})[^\\s"'&#?/,;<>]*`, "g");

/** `text` with every credential-bearing query value and every token-shaped word redacted. */
export function redactSecrets(text: string): string {
  // URL by URL: a query value ends at the end of its word, not of the line.
  return text.replace(/\S+/g, (word) => redactUrl(word)).replace(TOKEN, "[redacted]");
}
