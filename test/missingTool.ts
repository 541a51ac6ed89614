// A suite that needs a program this machine may lack (redis-server, Chromium) runs where it is
// installed, is SKIPPED LOUDLY where it is not (a notice on stderr and in the suite's title, with
// the command that installs it), and fails where CI demands it (LATCHKEY_REQUIRE_…=1 in .ci/run).
// A quiet skip would let `npm test` report green without having run them.

/** The one command that installs every tool the optional suites need (Debian, as CI does). */
export const installTools = "apt-get install -y redis-server chromium";

export interface ToolCheck {
  /** What is missing, as a person would say it: "redis-server", "Chromium at /usr/bin/chromium". */
  tool: string;
  /** Whether it is there. */
  available: boolean;
  /** The variable that makes its absence a failure (set by .ci/run). */
  requireVariable: string;
  /** Which tests need it, for the notice. */
  tests: string;
}

/** Whether the suites needing `check.tool` are skipped here; prints the notice or throws. */
export function skipWithoutTool(check: ToolCheck): boolean {
  if (check.available) return false;
  if (process.env[check.requireVariable] === "1") {
    throw new Error(
      `${check.requireVariable}=1 but ${check.tool} is not installed: ${check.tests} must run, ` +
        `not skip. Install it with \`${installTools}\`.`,
    );
  }
  console.warn(
    `\n*** ${check.tests}: no ${check.tool}, so they are SKIPPED. ***\n` +
      `*** Install it with \`${installTools}\` to run them (CI always does). ***\n`,
  );
  return true;
}

/** A describe title that says, in the test report itself, that the suite was skipped and why. */
export function skippedTitle(title: string, skipped: boolean, tool: string): string {
  return skipped ? `${title} — SKIPPED: no ${tool} (${installTools})` : title;
}
