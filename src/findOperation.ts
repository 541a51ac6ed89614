import {
  type OperationId,
  type OperationSecurity,
  operationSecurity,
} from "./generated/security.js";

/** An operation of the spec, as the SDK needs it to decide what to send. */
export interface Operation extends OperationSecurity {
  readonly id: OperationId;
  /** The path segment holding `{agentSlug}` (split on "/"), or -1: where to read an agent key's slug. */
  readonly slugSegment: number;
}

interface Template {
  /** Each segment of the path template; null where a parameter stands. */
  readonly parts: readonly (string | null)[];
  readonly operation: Operation;
}

// Compiled once at module load: static paths answer with one Map lookup; templated paths are
// grouped by method and segment count, most specific first, so a lookup compares a handful.
const staticPaths = new Map<string, Map<string, Operation>>();
const templates = new Map<string, Template[]>();

for (const [id, security] of Object.entries(operationSecurity)) {
  const method = security.method.toUpperCase();
  const parts = security.path.split("/").map((part) => (part.startsWith("{") ? null : part));
  const operation: Operation = {
    ...security,
    id: id as OperationId,
    slugSegment: security.path.split("/").indexOf("{agentSlug}"),
  };
  if (!parts.includes(null)) {
    const byPath = staticPaths.get(method) ?? new Map<string, Operation>();
    staticPaths.set(method, byPath.set(security.path, operation));
    continue;
  }
  const key = `${method} ${parts.length}`;
  const list = templates.get(key) ?? [];
  list.push({ parts, operation });
  list.sort((a, b) => b.parts.filter(Boolean).length - a.parts.filter(Boolean).length);
  templates.set(key, list);
}

/** The operation a request's method (upper case) and path (as sent, percent-encoded) belong to. */
export function findOperation(method: string, path: string): Operation | undefined {
  const exact = staticPaths.get(method)?.get(path);
  if (exact) return exact;
  const segments = path.split("/");
  const candidates = templates.get(`${method} ${segments.length}`);
  if (!candidates) return undefined;
  next: for (const { parts, operation } of candidates) {
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (part === null ? segments[i] === "" : part !== segments[i]) continue next;
    }
    return operation;
  }
  return undefined;
}
