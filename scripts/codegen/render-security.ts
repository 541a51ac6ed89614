import type { SecurityTable } from "./derive-security";

/** JSON with two-space indent is valid TypeScript and byte-stable, which `--check` relies on. */
const literal = (value: unknown): string => JSON.stringify(value, null, 2);

/**
 * Renders `src/generated/security.ts`. The only import is the `operations` type, so the
 * `satisfies` clause turns "an operation in the spec without a security entry" (or the reverse)
 * into a compile error, while the table itself stays free of the big schema module at runtime.
 */
export function renderSecurity(table: SecurityTable): string {
  const schemeNames = Object.keys(table.schemes);
  const schemeUnion = schemeNames.length
    ? schemeNames.map((name) => JSON.stringify(name)).join(" | ")
    : "never";

  return `import type { operations } from "./schema";

/** Every scope the API knows, from the root \`x-scopes\` map. */
export const scopes = ${literal(table.scopes)} as const;
export type Scope = (typeof scopes)[number];

/** Every kind of credential, from the root \`x-credential-kinds\` map. */
export const credentialKinds = ${literal(table.credentialKinds)} as const;
export type CredentialKind = (typeof credentialKinds)[number];

/** The security schemes of \`components.securitySchemes\`. */
export type SchemeName = ${schemeUnion};

/** Where each scheme carries the credential on the wire. */
export const schemes = ${literal(table.schemes)} as const satisfies Record<
  SchemeName,
  { readonly type: "http" | "apiKey"; readonly in: "header" | "query" | "cookie"; readonly name: string }
>;

/** The scopes each workspace role grants, from the root \`x-roles\` map. */
export const roles = ${literal(table.roles)} as const satisfies Record<string, readonly Scope[]>;
export type Role = keyof typeof roles;

/** The shape of each credential kind (\`x-token-pattern\`), also usable by secret scanners. */
export const tokenPatterns = ${literal(table.tokenPatterns)} as const satisfies Record<CredentialKind, string>;

/** The literal start of each kind's tokens (\`lk_usr_\`, \`eyJ\`), read off its \`x-token-pattern\`. */
export const tokenPrefixes = ${literal(table.tokenPrefixes)} as const satisfies Record<CredentialKind, string>;

/** Each credential header, as the spec spells it, and the scheme it belongs to. */
export const headerSchemes = ${literal(table.headerSchemes)} as const satisfies Record<string, SchemeName>;
export type CredentialHeader = keyof typeof headerSchemes;

/**
 * Headers that carry one value: the credential headers and every header parameter. A request
 * that repeats one is refused (400 invalid_request) rather than read one way or the other.
 */
export const singleValuedHeaders = ${literal(table.singleValuedHeaders)} as const;

/**
 * Query parameters whose values are secrets: the query schemes' own and the root
 * \`x-secret-query-parameters\`. Redacted wherever a URL is logged or quoted.
 */
export const secretQueryParameters = ${literal(table.secretQueryParameters)} as const;

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export interface OperationSecurity {
  readonly method: HttpMethod;
  readonly path: string;
  /** Accepted schemes, each with the scopes it requires; empty for public operations. */
  readonly schemes: Partial<Record<SchemeName, readonly Scope[]>>;
  /** Accepted credential kinds (\`x-credentials\`); empty for public operations. */
  readonly credentials: readonly CredentialKind[];
  /** \`x-agent-context\`: whether the call acts as an agent (\`X-Agent-ID\`). */
  readonly agentContext: "required" | "optional" | "none";
  /** \`x-sandbox-only\`: exists in the sandbox, not in the real service. */
  readonly sandboxOnly: boolean;
  /** \`security: []\`: no credential needed. */
  readonly public: boolean;
}

/** Per operation, what the sandbox enforces and what the SDK sends. Sorted by path, then method. */
export const operationSecurity = ${literal(table.operations)} as const satisfies Record<
  keyof operations,
  OperationSecurity
>;
export type OperationId = keyof typeof operationSecurity;
`;
}
