import { schemes } from "./generated/security.js";

/** The headers that carry a credential, from the spec's security schemes. */
export const credentialHeaders: readonly string[] = Object.values(schemes)
  .filter((scheme) => scheme.in === "header")
  .map((scheme) => scheme.name);

/** Whether a URL is the API's: under the base URL's prefix, at a path boundary. */
export function isUnder(prefix: string, url: string): boolean {
  const next = url[prefix.length];
  return (
    url.startsWith(prefix) && (next === undefined || next === "/" || next === "?" || next === "#")
  );
}
