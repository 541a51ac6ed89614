import { SpecError } from "./derive-security";
import { describeOperation, listOperations, type OpenAPIDocument } from "./openapi-types";

const NAME = /^[a-z][A-Za-z]*(\.[a-z][A-Za-z]*)+$/;

type Kind = "json" | "list" | "bytes" | "events" | "url";
interface Method {
  name: string;
  id: string;
  summary: string;
  method: string;
  path: string;
  pathParams: string[];
  input: "body" | "query" | "none";
  inputRequired: boolean;
  kind: Kind;
}

/** `$ref: '#/components/<group>/<name>'` resolved one level, as the spec uses it. */
function resolve(doc: OpenAPIDocument, value: unknown): Record<string, unknown> {
  const ref = (value as { $ref?: unknown } | null)?.$ref;
  if (typeof ref !== "string") return (value ?? {}) as Record<string, unknown>;
  const [, , group = "", name = ""] = ref.split("/");
  return (doc.components?.[group] as Record<string, Record<string, unknown>> | undefined)?.[
    name
  ] as Record<string, unknown>;
}

/** What each operation's `x-sdk-method` names, with the facts a resource method needs. */
export function sdkMethods(doc: OpenAPIDocument): Method[] {
  const methods: Method[] = [];
  for (const ref of listOperations(doc)) {
    const { operation, pathItem } = ref;
    const name = (operation as Record<string, unknown>)["x-sdk-method"];
    const where = describeOperation(ref);
    if (operation["x-sandbox-only"] === true || pathItem["x-sandbox-only"] === true) {
      if (name !== undefined) throw new SpecError(`${where}: x-sandbox-only has no x-sdk-method`);
      continue;
    }
    if (name === false) continue;
    if (typeof name !== "string" || !NAME.test(name)) {
      throw new SpecError(
        `${where}: needs x-sdk-method (resource.method, e.g. agents.list), or false for none`,
      );
    }
    const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p) =>
      resolve(doc, p),
    );
    const query = parameters.filter((p) => p.in === "query");
    const body = operation.requestBody ? resolve(doc, operation.requestBody) : undefined;
    if (body && query.length > 0) throw new SpecError(`${where}: both a body and a query`);
    const ok = Object.entries(operation.responses ?? {}).filter(([status]) => status[0] === "2");
    const media = ok.flatMap(([, r]) =>
      Object.entries((resolve(doc, r).content ?? {}) as Record<string, { schema?: unknown }>),
    );
    const types = media.map(([type]) => type);
    const schemaRef = (media[0]?.[1].schema as { $ref?: string } | undefined)?.$ref ?? "";
    const kind: Kind = types.includes("text/event-stream")
      ? "events"
      : types.includes("application/octet-stream")
        ? "bytes"
        : schemaRef.endsWith("/SignedToken")
          ? "url"
          : query.some((p) => p.name === "cursor")
            ? "list"
            : "json";
    methods.push({
      name,
      id: operation.operationId as string,
      summary: operation.summary ?? "",
      method: ref.method.toUpperCase(),
      path: ref.path,
      pathParams: [...ref.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string),
      input: body ? "body" : query.length > 0 ? "query" : "none",
      inputRequired: body ? body.required === true : query.some((p) => p.required === true),
      kind,
    });
  }
  const names = new Set(methods.map((m) => m.name));
  for (const m of methods) {
    const parts = m.name.split(".");
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join(".");
      if (names.has(prefix)) throw new SpecError(`x-sdk-method ${prefix} is also a resource`);
    }
    if (methods.filter((other) => other.name === m.name).length > 1) {
      throw new SpecError(`x-sdk-method ${m.name} names two operations`);
    }
  }
  return methods;
}

function signature(m: Method): string {
  const args = m.pathParams.map((p) => `${p}: string`);
  const id = JSON.stringify(m.id);
  if (m.kind === "events") {
    args.push("options?: StreamJobOptions");
    return `(${args.join(", ")}): AsyncGenerator<SseEvent<${id}>, void, undefined>`;
  }
  const opt = m.inputRequired ? "" : "?";
  if (m.input === "body") args.push(`body${opt}: Body<${id}>`);
  if (m.input === "query") args.push(`query${opt}: Query<${id}>`);
  args.push("options?: RequestOptions");
  const returns = {
    json: `APIPromise<Data<${id}>>`,
    list: `PagePromise<ListItemOf<${id}>>`,
    bytes: "APIPromise<Uint8Array>",
    url: "APIPromise<string>",
  }[m.kind];
  return `(${args.join(", ")}): ${returns}`;
}

interface Tree {
  [key: string]: Tree | Method;
}

function renderTree(tree: Tree, indent: string): string {
  return Object.entries(tree)
    .map(([key, value]) =>
      "id" in value && typeof value.id === "string"
        ? `${indent}/** ${(value as Method).summary} (\`${(value as Method).method} ${(value as Method).path}\`). */\n${indent}${key}${signature(value as Method)};`
        : `${indent}readonly ${key}: {\n${renderTree(value as Tree, `${indent}  `)}\n${indent}};`,
    )
    .join("\n");
}

/**
 * Renders `src/generated/resources.ts`: the resource methods (`client.agents.keys.rotate(…)`)
 * named by each operation's `x-sdk-method`, as a table of facts (method, path, argument order,
 * what the answer is) that one hand-written core runs, and the typed tree of signatures.
 */
export function renderResources(doc: OpenAPIDocument): string {
  const methods = sdkMethods(doc).sort((a, b) => (a.name < b.name ? -1 : 1));
  const tree: Tree = {};
  for (const m of methods) {
    const parts = m.name.split(".");
    let node = tree;
    for (const part of parts.slice(0, -1)) {
      node[part] ??= {};
      node = node[part] as Tree;
    }
    node[parts.at(-1) as string] = m;
  }
  const table = methods
    .map(
      (m) =>
        `  ${JSON.stringify(m.name)}: ${JSON.stringify([m.method, m.path, m.pathParams, m.input, m.kind])},`,
    )
    .join("\n");
  return `import type {
  APIPromise,
  Body,
  Data,
  ListItemOf,
  PagePromise,
  Query,
  RequestOptions,
  StreamJobOptions,
} from "../resourceTypes";
import type { SseEvent } from "./events";

/** What a resource method's answer is: JSON, a page of a list, bytes, events, or a signed URL. */
export type ResourceKind = "json" | "list" | "bytes" | "events" | "url";

/** One resource method: HTTP method, path template, path parameters in argument order, input. */
export type ResourceMethodSpec = readonly [
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  pathParams: readonly string[],
  input: "body" | "query" | "none",
  kind: ResourceKind,
];

/** Dotted name (\`x-sdk-method\`) → what the method sends. */
export const resourceMethods: Readonly<Record<string, ResourceMethodSpec>> = {
${table}
};

/** The resource methods of every client, typed from the spec. */
export interface Resources {
${renderTree(tree, "  ")}
}
`;
}
