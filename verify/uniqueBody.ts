// Request bodies from the spec's examples, made unique per use: every top-level string gets a
// suffix when the body schema still accepts it, so a second `createAgent` does not collide on
// the example's slug (409) while values with a strict shape (`expires_in: "90d"`) stay as given.
import type { SpecOperation } from "./specModel.js";
import { schemaAt } from "./specSchemas.js";

let counter = 0;

export function uniqueBody(operation: SpecOperation): unknown {
  const body = structuredClone(operation.body);
  if (body === null || typeof body !== "object" || operation.bodySchema === null) return body;
  const record = body as Record<string, unknown>;
  // A key's `scopes` default to its creator's: the example's list could exceed what a narrow
  // caller holds (403 scope_escalation), which is not what a cell about auth is asking.
  delete record.scopes;
  const validate: (data: unknown) => boolean = schemaAt(operation.bodySchema);
  const suffix = `-v${(++counter).toString(36)}`;
  for (const [name, value] of Object.entries(record)) {
    if (typeof value !== "string") continue;
    record[name] = value + suffix;
    if (!validate(record)) record[name] = value;
  }
  return record;
}
