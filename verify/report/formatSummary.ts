// The report a person reads: one row per operation (cells, passed, mismatches), then each
// mismatch with its request (credentials redacted), expected and actual status and code, then
// the totals and the time taken.
import type { Mismatch, VerifyReport } from "../types.js";

function table(rows: string[][]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join("  "),
    )
    .join("\n");
}

function describe(m: Mismatch): string {
  const { label, request, expected, actual } = m;
  const headers = Object.entries(request.headers)
    .filter(([name]) => name !== "accept" && name !== "content-type")
    .map(([name, value]) => `${name}: ${value}`)
    .join(", ");
  return [
    `✗ ${m.operation}  [${label.scheme} · ${label.credential} · scope ${label.scope} · ${label.tenant} tenant · ${label.state}]`,
    `    ${request.method} ${request.path}${headers ? `  (${headers})` : ""}`,
    `    expected ${expected.status} ${expected.code ?? ""}`.trimEnd() +
      `, got ${actual.status} ${actual.code ?? ""}`.trimEnd(),
    ...m.problems.map((problem) => `    - ${problem}`),
  ].join("\n");
}

export function formatSummary(
  report: VerifyReport,
  options: { maxMismatches?: number } = {},
): string {
  const rows = [["operation", "cells", "passed", "mismatches"]];
  for (const row of report.operations)
    rows.push([row.operation, String(row.cells), String(row.passed), String(row.mismatches)]);
  rows.push([
    "total",
    String(report.cells),
    String(report.passed),
    String(report.mismatches.length),
  ]);
  const limit = options.maxMismatches ?? 50;
  const shown = report.mismatches.slice(0, limit).map(describe);
  if (report.mismatches.length > limit) {
    shown.push(
      `… and ${report.mismatches.length - limit} more mismatches (all of them are in --json / --junit).`,
    );
  }
  const skipped = report.skipped.map((s) => `skipped ${s.count} cells: ${s.reason}`);
  const verdict =
    report.mismatches.length === 0
      ? `✓ ${report.cells} cells, 0 mismatches`
      : `✗ ${report.mismatches.length} mismatches in ${report.cells} cells`;
  return [
    table(rows),
    ...(shown.length ? ["", ...shown] : []),
    ...(skipped.length ? ["", ...skipped] : []),
    "",
    `${verdict} against ${report.baseUrl} (${report.target}) in ${(report.durationMs / 1000).toFixed(1)} s, ${report.cellsPerSecond} cells/s.`,
    "",
  ].join("\n");
}
