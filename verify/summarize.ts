// Per operation: how many cells ran, passed, and did not.
import type { SpecOperation } from "./specModel.js";
import type { Cell, OperationSummary } from "./types.js";

export function summarize(
  operations: readonly SpecOperation[],
  results: readonly { cell: Cell; passed: boolean }[],
): OperationSummary[] {
  const rows = new Map<string, OperationSummary>();
  for (const op of operations)
    rows.set(op.id, { operation: op.id, cells: 0, passed: 0, mismatches: 0 });
  for (const { cell, passed } of results) {
    const row = rows.get(cell.operation);
    if (!row) continue;
    row.cells++;
    if (passed) row.passed++;
    else row.mismatches++;
  }
  return [...rows.values()].filter((row) => row.cells > 0);
}
