import { type OperationId, operationSecurity } from "./generated/security.js";

/** The HTTP methods of the API, as `Request.method` spells them. */
export type RouteMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Path template → method → operation, indexed from the generated `operationSecurity`: the one
 * table the SDK's middleware reads (by openapi-fetch's `schemaPath`) and the sandbox's router is
 * built from (`mock/engine/compileRoutes.ts`), so both agree on which operation a path is.
 */
export const routes: Readonly<Record<string, Partial<Record<RouteMethod, OperationId>>>> = {};
const table = routes as Record<string, Record<string, string>>;
for (const [id, { path, method }] of Object.entries(operationSecurity)) {
  table[path] = { ...table[path], [method.toUpperCase()]: id };
}
