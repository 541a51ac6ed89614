import type { SecurityTable } from "./derive-security";

/**
 * Renders `src/generated/routes.ts`: each path template with the operation of each method. The
 * SDK looks an operation up here by the `schemaPath` openapi-fetch hands its middleware, and the
 * sandbox's router (`mock/engine/compileRoutes.ts`) is built from the same table, so both sides
 * agree on which operation a path belongs to.
 */
export function renderRoutes(table: SecurityTable): string {
  const routes: Record<string, Record<string, string>> = {};
  for (const [id, { method, path }] of Object.entries(table.operations)) {
    routes[path] ??= {};
    (routes[path] as Record<string, string>)[method.toUpperCase()] = id;
  }
  return `import type { OperationId } from "./security";

/** The HTTP methods of the API, as \`Request.method\` spells them. */
export type RouteMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Path template (openapi-fetch's \`schemaPath\`) → method → operation. Sorted by path. */
export const routes: Readonly<Record<string, Partial<Record<RouteMethod, OperationId>>>> = ${JSON.stringify(routes, null, 2)};
`;
}
