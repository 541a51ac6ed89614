import type { SecurityTable } from "./derive-security";

/**
 * Renders `src/generated/routes.ts`: path template → method → operation, the one table the SDK's
 * middleware reads (by openapi-fetch's `schemaPath`) and the sandbox's router is built from. Each
 * entry holds what the SDK needs to choose a credential and nothing more (no scopes, which only
 * the sandbox enforces, from `operationSecurity`): the SDK bundles this table, not that one.
 */
export function renderRoutes(table: SecurityTable): string {
  const routes: Record<string, Record<string, unknown>> = {};
  const byPath = Object.entries(table.operations).sort(([, a], [, b]) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
  for (const [id, operation] of byPath) {
    routes[operation.path] ??= {};
    const methods = routes[operation.path] as Record<string, unknown>;
    methods[operation.method.toUpperCase()] = {
      id,
      schemes: Object.keys(operation.schemes),
      credentials: operation.credentials,
      agentContext: operation.agentContext,
      public: operation.public,
    };
  }
  return `import type { CredentialKind, OperationId, SchemeName } from "./security";

/** The HTTP methods of the API, as \`Request.method\` spells them. */
export type RouteMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** One operation as a caller sees it: which credentials it takes, and where. */
export interface RouteOperation {
  readonly id: OperationId;
  /** The schemes it accepts (its scopes are in \`operationSecurity\`); empty when public. */
  readonly schemes: readonly SchemeName[];
  /** Accepted credential kinds (\`x-credentials\`); empty for public operations. */
  readonly credentials: readonly CredentialKind[];
  /** \`x-agent-context\`: whether the call acts as an agent (\`X-Agent-ID\`). */
  readonly agentContext: "required" | "optional" | "none";
  /** \`security: []\`: no credential needed. */
  readonly public: boolean;
}

/**
 * Path template → method → operation: the SDK finds a call's operation here by its
 * \`schemaPath\`, and the sandbox's router is built from it, so both agree on which operation a
 * path is.
 */
export const routes: Readonly<Record<string, Partial<Record<RouteMethod, RouteOperation>>>> = ${JSON.stringify(routes, null, 2)};
`;
}
