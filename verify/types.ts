// The vocabulary of `latchkey verify`: options, cells, expectations and results.
import type { CredentialKind, OperationId, Role, Scope } from "../src/generated/security.js";

/** A credential the tool holds, with what the spec says it may do. */
export interface Caller {
  /** How the report names it: `user_key:viewer`, `workspace_key:exact`, … (never the secret). */
  label: string;
  kind: CredentialKind;
  secret: string;
  /** Index into Fixtures.tenants: whose workspace it belongs to. */
  tenant: number;
  role: Role | null;
  userId: string | null;
  /** The key's own id, when it is a key. */
  keyId: string | null;
  /** What it holds; null when the spec gives no way to know (its cells are skipped). */
  scopes: readonly Scope[] | null;
  /** A team key's team, an agent key's agent, a signed token's resource. */
  teamId: string | null;
  agentId: string | null;
  resource: Record<string, string> | null;
}

/** What the spec says one request must get. */
export interface Expected {
  status: number;
  code: string | null;
  /** The RFC 6750 challenge: none, bare (`Bearer realm=…`), or with this `error` (and `scope`). */
  challenge: { error: string | null; scope?: string } | null;
  requiredScopes?: readonly Scope[];
}

/** The five coordinates of a cell, as the report shows them. */
export interface CellLabel {
  scheme: string;
  credential: string;
  scope: string;
  tenant: "own" | "other";
  state: string;
}

export interface Cell {
  id: number;
  operation: OperationId;
  method: string;
  label: CellLabel;
  expected: Expected;
  /** Cells of the `expired` phase run after the target's clock moved past every expiry. */
  phase: "main" | "expired";
  /** Builds the request; may create a fresh object for the cell first. */
  request: () => Promise<CellRequest>;
}

export interface CellRequest {
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Every secret in this request, to redact from anything reported. */
  secrets: string[];
}

export interface Mismatch {
  cell: number;
  operation: OperationId;
  label: CellLabel;
  request: { method: string; path: string; headers: Record<string, string> };
  expected: Expected;
  actual: { status: number; code: string | null; challenge: string | null };
  problems: string[];
}

export interface OperationSummary {
  operation: OperationId;
  cells: number;
  passed: number;
  mismatches: number;
}

export interface VerifyReport {
  baseUrl: string;
  target: "sandbox" | "config";
  cells: number;
  passed: number;
  skipped: { reason: string; count: number }[];
  mismatches: Mismatch[];
  operations: OperationSummary[];
  durationMs: number;
  cellsPerSecond: number;
}

export type { CredentialKind, OperationId, Role, Scope };
