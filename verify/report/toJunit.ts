// JUnit XML, which every CI reads: one testsuite per operation, one testcase per cell that
// failed (with the request, credentials redacted, and expected vs actual) and one summary
// testcase per operation for the cells that passed, so the file stays small.
import type { VerifyReport } from "../types.js";

const escapeXml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function toJunit(report: VerifyReport): string {
  const seconds = (report.durationMs / 1000).toFixed(3);
  const suites = report.operations.map((row) => {
    const failures = report.mismatches.filter((m) => m.operation === row.operation);
    const cases = failures.map((m) => {
      const l = m.label;
      const name = `${l.scheme} · ${l.credential} · scope ${l.scope} · ${l.tenant} tenant · ${l.state}`;
      const message = `expected ${m.expected.status} ${m.expected.code ?? ""}, got ${m.actual.status} ${m.actual.code ?? ""}`;
      const detail = [`${m.request.method} ${m.request.path}`, ...m.problems].join("\n");
      return `    <testcase classname="latchkey.verify.${row.operation}" name="${escapeXml(name)}"><failure message="${escapeXml(message)}">${escapeXml(detail)}</failure></testcase>`;
    });
    cases.unshift(
      `    <testcase classname="latchkey.verify.${row.operation}" name="${row.passed} cells match the spec"/>`,
    );
    return [
      `  <testsuite name="${row.operation}" tests="${failures.length + 1}" failures="${failures.length}" errors="0">`,
      ...cases,
      "  </testsuite>",
    ].join("\n");
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="latchkey verify ${escapeXml(report.baseUrl)}" tests="${report.operations.length + report.mismatches.length}" failures="${report.mismatches.length}" time="${seconds}">`,
    ...suites,
    "</testsuites>",
    "",
  ].join("\n");
}
