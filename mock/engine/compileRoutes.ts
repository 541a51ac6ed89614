import { type RouteMethod, routes } from "../../src/generated/routes.js";
import type { CompiledOperation } from "./compileOperations.js";

interface Node {
  statics: Map<string, Node>;
  param: Node | null;
  /** Method → operation, for a node that ends a path template. */
  operations: Map<string, CompiledOperation> | null;
  /** The `Allow` header value for this path. */
  allow: string;
}

export type RouteMatch =
  | { kind: "found"; operation: CompiledOperation; params: Record<string, string> }
  | { kind: "method_not_allowed"; allow: string }
  | { kind: "not_found" };

function node(): Node {
  return { statics: new Map(), param: null, operations: null, allow: "" };
}

/**
 * A segment tree of the spec's path templates, built from the route table the SDK reads too
 * (the generated `src/generated/routes.ts`), so both agree on which
 * operation a path belongs to. Matching walks one node per segment; a static segment wins over a
 * template at the same place, and the walk backs up to the template only if the static branch
 * dead-ends. Unknown paths are 404; known paths with another method, 405.
 */
export function compileRoutes(
  operations: readonly CompiledOperation[],
  table: Readonly<Record<string, Partial<Record<RouteMethod, { readonly id: string }>>>> = routes,
) {
  const root = node();
  const byId = new Map<string, CompiledOperation>(operations.map((o) => [o.operationId, o]));
  const entries = Object.entries(table).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, { id }]) => ({
      path,
      method: method as RouteMethod,
      id,
    })),
  );
  for (const { path, method, id } of entries) {
    const operation = byId.get(id);
    if (!operation) continue;
    let at = root;
    for (const segment of path.split("/").slice(1)) {
      if (segment.startsWith("{")) {
        at.param ??= node();
        at = at.param;
      } else {
        let next = at.statics.get(segment);
        if (!next) {
          next = node();
          at.statics.set(segment, next);
        }
        at = next;
      }
    }
    at.operations ??= new Map();
    at.operations.set(method, operation);
    at.allow = [...at.operations.keys()].sort().join(", ");
  }

  function walk(at: Node, segments: string[], i: number, values: string[]): Node | null {
    if (i === segments.length) return at.operations ? at : null;
    // biome-ignore lint/style/noNonNullAssertion: i < segments.length.
    const segment = segments[i]!;
    const fixed = at.statics.get(segment);
    if (fixed) {
      const found = walk(fixed, segments, i + 1, values);
      if (found) return found;
    }
    if (at.param && segment !== "") {
      values.push(segment);
      const found = walk(at.param, segments, i + 1, values);
      if (found) return found;
      values.pop();
    }
    return null;
  }

  return {
    match(method: string, pathname: string): RouteMatch {
      const values: string[] = [];
      const end = walk(root, pathname.split("/").slice(1), 0, values);
      if (!end?.operations) return { kind: "not_found" };
      const operation = end.operations.get(method);
      if (!operation) return { kind: "method_not_allowed", allow: end.allow };
      const params: Record<string, string> = {};
      for (let i = 0; i < values.length; i++) {
        // biome-ignore lint/style/noNonNullAssertion: one name per template segment.
        params[operation.pathParams[i]!] = decode(values[i]!);
      }
      return { kind: "found", operation, params };
    },
  };
}

function decode(segment: string): string {
  if (!segment.includes("%")) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    // Left encoded: the parameter's schema then refuses it with a pointer to it.
    return segment;
  }
}
