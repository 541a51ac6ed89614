// What the spec says about each secured operation, in the shape the matrix needs. Everything
// here is read from openapi.yaml (through src/generated); nothing about an operation is listed
// by hand, so a new operation in the spec is verified without touching this tool.
import { openapiDocument } from "../src/generated/openapi.js";
import {
  type HttpMethod,
  type OperationId,
  type OperationSecurity,
  operationSecurity,
  type SchemeName,
  schemes,
} from "../src/generated/security.js";

export interface SpecOperation {
  id: OperationId;
  method: HttpMethod;
  path: string;
  security: OperationSecurity;
  /** `{name}` segments of the path, in order. */
  pathParams: string[];
  /** The one 2xx status the spec declares. */
  successStatus: number;
  /** The example request body (or `{}` for an optional body), or undefined when it has none. */
  body: unknown;
  /** JSON pointer of the request body's schema, if the operation takes a JSON body. */
  bodySchema: string | null;
  /** Header schemes (`Authorization`, `X-API-Key`, `Api-Key`) the operation accepts. */
  headerSchemes: SchemeName[];
  /** The query scheme (`?token=`), if the operation accepts one. */
  queryScheme: SchemeName | null;
  /** The `$ref` of the success response's JSON schema (`#/components/schemas/SignedToken`). */
  successSchemaRef: string | null;
  /** Declared responses: status → content type → JSON pointer of the schema. */
  responses: Map<number, Map<string, string>>;
}

type Json = Record<string, unknown>;

const escapePointer = (part: string) => part.replace(/~/g, "~0").replace(/\//g, "~1");

function resolve(node: Json, pointer: string): { node: Json; pointer: string } {
  let current = node;
  let at = pointer;
  while (typeof current.$ref === "string" && current.$ref.startsWith("#/")) {
    at = current.$ref.slice(1);
    current = at
      .slice(1)
      .split("/")
      .reduce<unknown>(
        (value, part) => (value as Json)[part.replace(/~1/g, "/").replace(/~0/g, "~")],
        openapiDocument,
      ) as Json;
  }
  return { node: current, pointer: at };
}

function readResponses(operation: Json, pointer: string): Map<number, Map<string, string>> {
  const out = new Map<number, Map<string, string>>();
  for (const [status, raw] of Object.entries((operation.responses ?? {}) as Json)) {
    const { node, pointer: at } = resolve(raw as Json, `${pointer}/responses/${status}`);
    const types = new Map<string, string>();
    for (const type of Object.keys((node.content ?? {}) as Json)) {
      types.set(type, `${at}/content/${escapePointer(type)}/schema`);
    }
    out.set(Number(status), types);
  }
  return out;
}

function successSchemaRef(operation: Json, pointer: string, status: number): string | null {
  const raw = (operation.responses as Json)[String(status)] as Json;
  const { node } = resolve(raw, pointer);
  const json = (node.content as Json | undefined)?.["application/json"] as Json | undefined;
  const ref = (json?.schema as Json | undefined)?.$ref;
  return typeof ref === "string" ? ref : null;
}

function readBody(operation: Json, pointer: string): { body: unknown; bodySchema: string | null } {
  if (!operation.requestBody) return { body: undefined, bodySchema: null };
  const { node, pointer: at } = resolve(operation.requestBody as Json, `${pointer}/requestBody`);
  const json = (node.content as Json | undefined)?.["application/json"] as Json | undefined;
  const bodySchema = json ? `${at}/content/application~1json/schema` : null;
  if (json?.example !== undefined) return { body: structuredClone(json.example), bodySchema };
  return { body: node.required ? undefined : {}, bodySchema };
}

/** Every operation that takes a credential and exists outside the sandbox, in spec order. */
export function readSpecOperations(): SpecOperation[] {
  const list: SpecOperation[] = [];
  for (const [id, security] of Object.entries(operationSecurity) as [
    OperationId,
    OperationSecurity,
  ][]) {
    if (security.public || security.sandboxOnly) continue;
    const pointer = `/paths/${escapePointer(security.path)}/${security.method}`;
    const operation = (openapiDocument.paths[security.path] as Json)[security.method] as Json;
    const responses = readResponses(operation, pointer);
    const success = [...responses.keys()].find((status) => status >= 200 && status < 300);
    if (success === undefined) throw new Error(`${id} declares no 2xx response`);
    const declared = Object.keys(security.schemes) as SchemeName[];
    list.push({
      id,
      method: security.method,
      path: security.path,
      security,
      pathParams: [...security.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string),
      successStatus: success,
      ...readBody(operation, pointer),
      headerSchemes: declared.filter((name) => schemes[name].in === "header"),
      queryScheme: declared.find((name) => schemes[name].in === "query") ?? null,
      successSchemaRef: successSchemaRef(operation, pointer, success),
      responses,
    });
  }
  return list;
}

/** The operation reached by `method` at `path` exactly, if the spec has one. */
export function findOperation(
  operations: readonly SpecOperation[],
  method: HttpMethod,
  path: string,
): SpecOperation | undefined {
  return operations.find((op) => op.method === method && op.path === path);
}
