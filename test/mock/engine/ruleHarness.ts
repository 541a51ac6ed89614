// For unit tests of one auth rule at the layer that owns it: the spec's compiled operations, a
// principal built field by field, and the problem a rule throws, caught as plain data.

import {
  type CompiledOperation,
  compileOperations,
} from "../../../mock/engine/compileOperations.js";
import { ProblemError } from "../../../mock/engine/ProblemError.js";
import type { Principal } from "../../../mock/engine/types.js";
import { openapiDocument } from "../../../src/generated/openapi.js";
import { type OperationId, roles } from "../../../src/generated/security.js";

const compiled = new Map(compileOperations(openapiDocument).map((op) => [op.operationId, op]));

/** The operation as the engine compiles it from openapi.yaml. */
export function operation(id: OperationId): CompiledOperation {
  const found = compiled.get(id);
  if (!found) throw new Error(`no operation ${id} in the spec`);
  return found;
}

/** A user key of workspace `ws_a` with every owner scope, unless told otherwise. */
export function principal(fields: Partial<Principal> = {}): Principal {
  return {
    kind: "user_key",
    id: "key_1",
    scheme: "bearerAuth",
    workspaceId: "ws_a",
    userId: "usr_1",
    agentId: null,
    teamId: null,
    role: "owner",
    // The owner role's scopes as the spec lists them (x-roles), not a copy of them.
    scopes: roles.owner,
    expiresAt: null,
    resource: null,
    ...fields,
  };
}

export interface CaughtProblem {
  status: number;
  code: string;
  detail: string;
  headers: Record<string, string>;
  extras: Record<string, unknown>;
}

/** The problem `run` throws (sync or async), as data; fails the test if it throws none. */
export async function problemOf(run: () => unknown): Promise<CaughtProblem> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    const { status, code, detail, headers, extras } = error;
    return { status, code, detail, headers, extras: { ...extras } };
  }
  throw new Error("expected a problem, but none was thrown");
}
