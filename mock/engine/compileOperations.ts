import type { OpenAPIDocument } from "../../src/generated/openapi.js";
import {
  type OperationId,
  type OperationSecurity,
  operationSecurity,
  type SchemeName,
} from "../../src/generated/security.js";

/** One location of a value in the spec document, as a JSON pointer ("" is the root). */
export type Pointer = string;

export interface ParameterSpec {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  /** Pointer to the parameter's schema, for the validators. */
  schema: Pointer;
}

/** Everything the request path needs about an operation, worked out once per engine. */
export interface CompiledOperation {
  operationId: OperationId;
  method: string;
  path: string;
  security: OperationSecurity;
  /** The query scheme (`downloadToken`, `streamToken`) that reads `?token=`, if any. */
  queryScheme: SchemeName | null;
  /** Path parameter names, in the order their segments appear. */
  pathParams: string[];
  hasWorkspaceParam: boolean;
  parameters: ParameterSpec[];
  /** The JSON request body's schema, if the operation takes one. */
  body: { schema: Pointer; required: boolean } | null;
  /** Declared responses: status → media type → schema pointer (null when without schema). */
  responses: Map<string, Map<string, Pointer | null>>;
}

const methods = ["get", "put", "post", "delete", "patch"] as const;

function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Follows a local `$ref` (one hop is all the spec uses) and says where the target lives. */
function deref(doc: OpenAPIDocument, value: unknown, at: Pointer): { value: unknown; at: Pointer } {
  const ref = (value as { $ref?: unknown } | null)?.$ref;
  if (typeof ref !== "string" || !ref.startsWith("#/")) return { value, at };
  let target: unknown = doc;
  for (const part of ref.slice(2).split("/")) {
    const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
    target = (target as Record<string, unknown>)[key];
  }
  return { value: target, at: ref.slice(1) };
}

/** Reads every operation of the spec: its parameters, body, responses and security. */
export function compileOperations(doc: OpenAPIDocument): CompiledOperation[] {
  const compiled: CompiledOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const itemAt = `/paths/${escapePointer(path)}`;
    for (const method of methods) {
      const op = item[method] as Record<string, unknown> | undefined;
      if (!op) continue;
      const operationId = op.operationId as OperationId;
      const security = operationSecurity[operationId];
      const opAt = `${itemAt}/${method}`;
      const parameters = new Map<string, ParameterSpec>();
      const lists: [unknown, Pointer][] = [
        [item.parameters, `${itemAt}/parameters`],
        [op.parameters, `${opAt}/parameters`],
      ];
      for (const [list, listAt] of lists) {
        if (!Array.isArray(list)) continue;
        list.forEach((entry, i) => {
          const { value, at } = deref(doc, entry, `${listAt}/${i}`);
          const p = value as { name: string; in: string; required?: boolean };
          if (p.in !== "path" && p.in !== "query" && p.in !== "header") return;
          // Operation-level parameters override path-level ones of the same name and place.
          parameters.set(`${p.in}:${p.name}`, {
            name: p.name,
            in: p.in,
            required: p.required === true,
            schema: `${at}/schema`,
          });
        });
      }
      const pathParams = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? "");
      compiled.push({
        operationId,
        method: method.toUpperCase(),
        path,
        security,
        queryScheme:
          (Object.keys(security.schemes) as SchemeName[]).find(
            (scheme) => scheme === "downloadToken" || scheme === "streamToken",
          ) ?? null,
        pathParams,
        hasWorkspaceParam: pathParams.includes("workspaceId"),
        parameters: [...parameters.values()],
        body: readBody(doc, op.requestBody, `${opAt}/requestBody`),
        responses: readResponses(doc, op.responses, `${opAt}/responses`),
      });
    }
  }
  return compiled;
}

function readBody(doc: OpenAPIDocument, raw: unknown, at: Pointer): CompiledOperation["body"] {
  if (raw === undefined) return null;
  const { value, at: bodyAt } = deref(doc, raw, at);
  const body = value as { required?: boolean; content?: Record<string, unknown> };
  if (!body.content?.["application/json"]) return null;
  return {
    schema: `${bodyAt}/content/application~1json/schema`,
    required: body.required === true,
  };
}

function readResponses(doc: OpenAPIDocument, raw: unknown, at: Pointer) {
  const responses = new Map<string, Map<string, Pointer | null>>();
  for (const [status, entry] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
    const { value, at: responseAt } = deref(doc, entry, `${at}/${status}`);
    const content = (value as { content?: Record<string, { schema?: unknown }> }).content ?? {};
    const media = new Map<string, Pointer | null>();
    for (const [type, entryOf] of Object.entries(content)) {
      media.set(
        type,
        entryOf.schema ? `${responseAt}/content/${escapePointer(type)}/schema` : null,
      );
    }
    responses.set(status, media);
  }
  return responses;
}
