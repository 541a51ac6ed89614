import { secretQueryParameters } from "./generated/security.js";

// Query parameters that may carry a credential (signed download/stream tokens, or keys a caller
// put where they do not belong); their values never reach an error message.
const SECRET_PARAM = new RegExp(`([?&](?:${secretQueryParameters.join("|")})=)[^&#]*`, "gi");

/** The URL with every credential-bearing query value replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  return url.includes("?") ? url.replace(SECRET_PARAM, "$1[redacted]") : url;
}
