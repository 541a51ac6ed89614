/** The first challenge of a `WWW-Authenticate` header (RFC 9110 §11.6.1, RFC 6750 §3). */
export interface WwwAuthenticate {
  /** The auth scheme, e.g. `Bearer`. */
  readonly scheme: string;
  /** Every auth-param, names lower-cased, quoted values unescaped. */
  readonly params: Readonly<Record<string, string>>;
  /** RFC 6750 `error`: `invalid_request`, `invalid_token` or `insufficient_scope`. */
  readonly error: string | undefined;
  /** RFC 6750 `error_description`. */
  readonly errorDescription: string | undefined;
  /** RFC 6750 `scope`, split on spaces; empty when absent. */
  readonly scope: readonly string[];
}

// One auth-param: name = token / quoted-string, with backslash escapes inside quotes.
const PARAM = /\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,"]*))\s*,?/y;

/** Parses the first challenge of a `WWW-Authenticate` value; undefined for an empty or absent one. */
export function parseWwwAuthenticate(
  header: string | null | undefined,
): WwwAuthenticate | undefined {
  const text = header?.trim();
  if (!text) return undefined;
  const space = text.search(/\s/);
  const scheme = space < 0 ? text : text.slice(0, space);
  const params: Record<string, string> = Object.create(null);
  PARAM.lastIndex = space < 0 ? text.length : space;
  for (let match = PARAM.exec(text); match; match = PARAM.exec(text)) {
    const [, name = "", quoted, bare] = match;
    // A bare token followed by a new scheme starts the next challenge; only the first is read.
    params[name.toLowerCase()] =
      quoted === undefined ? (bare ?? "") : quoted.replace(/\\(.)/g, "$1");
  }
  const scope = params.scope;
  return {
    scheme,
    params,
    error: params.error,
    errorDescription: params.error_description,
    scope: scope ? scope.split(" ").filter(Boolean) : [],
  };
}
