// Just enough of the OpenAPI 3.1 shape for the generators and contract tests to walk the spec.
// Everything is optional because the point of reading it is to fail loudly on what is missing.

export const httpMethods = ["get", "put", "post", "patch", "delete"] as const;
export type HttpMethod = (typeof httpMethods)[number];

/** Every other HTTP method OpenAPI allows; the API uses none, so the generator rejects them. */
export const unsupportedMethods = ["head", "options", "trace"] as const;

export type SecurityRequirement = Record<string, string[]>;

export interface Operation {
  operationId?: string;
  tags?: string[];
  summary?: string;
  description?: string;
  security?: SecurityRequirement[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
  "x-credentials"?: unknown;
  "x-agent-context"?: unknown;
  "x-sandbox-only"?: unknown;
}

export type PathItem = Partial<Record<HttpMethod, Operation>> & {
  parameters?: unknown[];
  "x-sandbox-only"?: unknown;
  [key: string]: unknown;
};

export interface SecurityScheme {
  type?: string;
  scheme?: string;
  in?: string;
  name?: string;
}

export interface OpenAPIDocument {
  openapi: string;
  info: { title: string; version: string; [key: string]: unknown };
  paths?: Record<string, PathItem>;
  components?: {
    securitySchemes?: Record<string, SecurityScheme>;
    [key: string]: unknown;
  };
  security?: SecurityRequirement[];
  "x-scopes"?: Record<string, unknown>;
  "x-roles"?: Record<string, unknown>;
  "x-credential-kinds"?: Record<string, { "x-token-pattern"?: unknown; [key: string]: unknown }>;
  "x-secret-query-parameters"?: unknown;
  [key: string]: unknown;
}

export interface OperationRef {
  path: string;
  method: HttpMethod;
  pathItem: PathItem;
  operation: Operation;
}

/** Operations in a stable order — by path, then method — so generated output never reshuffles. */
export function listOperations(doc: OpenAPIDocument): OperationRef[] {
  const refs: OperationRef[] = [];
  for (const [path, pathItem] of Object.entries(doc.paths ?? {})) {
    for (const method of httpMethods) {
      const operation = pathItem[method];
      if (operation) refs.push({ path, method, pathItem, operation });
    }
  }
  return refs.sort((a, b) => compare(a.path, b.path) || compare(a.method, b.method));
}

/** Code-unit order, independent of the machine's locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function describeOperation(
  ref: Pick<OperationRef, "path" | "method" | "operation">,
): string {
  const id = ref.operation.operationId ? ` (${ref.operation.operationId})` : "";
  return `${ref.method.toUpperCase()} ${ref.path}${id}`;
}
