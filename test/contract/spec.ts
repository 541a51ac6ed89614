// The contract as the tests read it: openapi.yaml itself, parsed, not the generated copy, so a
// stale src/generated cannot hide a problem in the spec.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { OpenAPIDocument } from "../../scripts/codegen/openapi-types";

export const rootDir = fileURLToPath(new URL("../../", import.meta.url));
/** `LATCHKEY_SPEC=/tmp/candidate.yaml npx vitest run test/contract` checks a draft instead. */
export const specPath =
  process.env.LATCHKEY_SPEC ?? fileURLToPath(new URL("../../openapi.yaml", import.meta.url));
export const specText = readFileSync(specPath, "utf8");
export const spec = parse(specText) as OpenAPIDocument;

type Node = Record<string, unknown>;

/** The node a local `$ref` (`#/components/…`) points at, following chains of refs. */
export function resolve<T = Node>(node: unknown, seen = new Set<string>()): T {
  const ref = (node as { $ref?: unknown } | undefined)?.$ref;
  if (typeof ref !== "string") return node as T;
  if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported, got ${ref}`);
  if (seen.has(ref)) throw new Error(`circular $ref ${ref}`);
  seen.add(ref);
  let target: unknown = spec;
  for (const raw of ref.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    target = (target as Node | undefined)?.[key];
  }
  if (target === undefined) throw new Error(`unresolved $ref ${ref}`);
  return resolve<T>(target, seen);
}
