import { type OperationId, operationSecurity } from "./generated/security.js";

/** The HTTP methods of the API, as `Request.method` spells them. */
export type RouteMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Routes = Record<string, Partial<Record<RouteMethod, OperationId>>>;

function index(): Routes {
  const table: Routes = {};
  for (const [id, { path, method }] of Object.entries(operationSecurity)) {
    table[path] ??= {};
    (table[path] as Routes[string])[method.toUpperCase() as RouteMethod] = id as OperationId;
  }
  return table;
}

/**
 * Path template → method → operation, indexed from the generated `operationSecurity`: the one
 * table the SDK's middleware reads (by openapi-fetch's `schemaPath`) and the sandbox's router is
 * built from (`mock/engine/compileRoutes.ts`), so both agree on which operation a path is.
 */
export const routes: Readonly<Routes> = index();
