import { type RouteMethod, type RouteOperation, routes } from "./generated/routes.js";

/**
 * The operation a call is for, from the `schemaPath` openapi-fetch hands middleware (the path
 * template, not the URL) and the method. The sandbox's router is built from the same table.
 */
export function operationFor(schemaPath: string, method: string): RouteOperation | undefined {
  // Own keys only: "constructor" or "__proto__", as a path or a method, is no operation.
  const methods = Object.hasOwn(routes, schemaPath) ? routes[schemaPath] : undefined;
  return methods && Object.hasOwn(methods, method) ? methods[method as RouteMethod] : undefined;
}
