import { type OperationSecurity, operationSecurity } from "./generated/security.js";
import { type RouteMethod, routes } from "./routes.js";

/**
 * The operation a call is for, from the `schemaPath` openapi-fetch hands middleware (the path
 * template, not the URL) and the method. The sandbox's router is built from the same table.
 */
export function operationFor(schemaPath: string, method: string): OperationSecurity | undefined {
  // Inherited names ("constructor") hold no method keys, so they find nothing either.
  const id = routes[schemaPath]?.[method as RouteMethod];
  return id === undefined ? undefined : operationSecurity[id];
}
