// Prints one closing line for a CI run: every vitest run's JSON report (npm test, the SDK on
// Node 24) added up, plus the runtime smoke checks, as "tests: N passed, N failed, N skipped".
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const [dir, runtimesOk = "0", runtimesFailed = "0"] = process.argv.slice(2);
if (!dir) throw new Error("usage: ci-summary.mjs <dir of vitest JSON reports> [ok] [failed]");
let passed = Number(runtimesOk);
let failed = Number(runtimesFailed);
let skipped = 0;
for (const name of readdirSync(dir).filter((file) => file.endsWith(".json"))) {
  const report = JSON.parse(readFileSync(join(dir, name), "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
