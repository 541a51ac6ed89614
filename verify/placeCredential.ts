// Where a credential goes on the wire for each security scheme of the spec: a header (with
// `Bearer ` for the http scheme) or the query parameter the scheme names.
import { type SchemeName, schemes } from "../src/generated/security.js";

export interface Placement {
  headers: Record<string, string>;
  query: Record<string, string>;
}

export function placeCredential(scheme: SchemeName, secret: string): Placement {
  const where = schemes[scheme];
  if (where.in === "query") return { headers: {}, query: { [where.name]: secret } };
  const value = where.type === "http" ? `Bearer ${secret}` : secret;
  return { headers: { [where.name.toLowerCase()]: value }, query: {} };
}

/** The header scheme a second, different credential is sent by in a "two credentials" cell. */
export function otherHeaderScheme(
  scheme: SchemeName,
  available: readonly SchemeName[],
): SchemeName {
  const headers = available.filter((name) => schemes[name].in === "header" && name !== scheme);
  return headers[0] ?? scheme;
}
