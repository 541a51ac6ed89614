import { type RouteMethod, routes } from "./generated/routes.js";
import { type OperationSecurity, operationSecurity } from "./generated/security.js";

/**
 * The operation a call is for, from the `schemaPath` openapi-fetch hands middleware (the path
 * template, not the URL) and the method. The sandbox's router is built from the same table.
 */
export function operationFor(schemaPath: string, method: string): OperationSecurity | undefined {
  const id = Object.hasOwn(routes, schemaPath)
    ? routes[schemaPath]?.[method as RouteMethod]
    : undefined;
  return id === undefined ? undefined : operationSecurity[id];
}
