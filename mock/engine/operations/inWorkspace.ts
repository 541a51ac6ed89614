// Object lookups scoped to the caller's workspace. An object of another workspace is reported
// exactly like a missing one (same status, code and sentence) so ids cannot be probed.
import { ProblemError } from "../ProblemError.js";
import type { Principal } from "../types.js";

export function notFound(noun: string, id: string): ProblemError {
  return new ProblemError(404, "not_found", `There is no ${noun} ${id} in this workspace.`);
}

export function inWorkspace<T extends { workspaceId: string }>(
  records: ReadonlyMap<string, T>,
  id: string,
  workspaceId: string,
  noun: string,
): T {
  const record = records.get(id);
  if (record === undefined || record.workspaceId !== workspaceId) throw notFound(noun, id);
  return record;
}

/** The authenticated caller; the engine only lets secured operations through with one. */
export function principalOf(input: { principal: Principal | null }): Principal {
  if (input.principal === null) {
    throw new ProblemError(500, "internal_error", "A secured operation ran without a caller.");
  }
  return input.principal;
}
