// `verify(options)`: builds the fixtures, derives the matrix from the spec, runs it against the
// target over HTTP within the concurrency and rate bounds, and reports every mismatch.

import { buildMatrix } from "./buildMatrix.js";
import { checkAnswer, codeOf } from "./checkAnswer.js";
import type { VerifyConfig } from "./config/VerifyConfig.js";
import { createHttp } from "./createHttp.js";
import { configFixtures } from "./fixtures/configFixtures.js";
import type { Fixtures } from "./fixtures/Fixtures.js";
import { isSandbox } from "./fixtures/provisionSandbox.js";
import { sandboxFixtures } from "./fixtures/sandboxFixtures.js";
import { redact, redactHeaders } from "./redact.js";
import { rememberCreated } from "./rememberCreated.js";
import { runPool } from "./runPool.js";
import { sendCell } from "./sendCell.js";
import { readSpecOperations } from "./specModel.js";
import { summarize } from "./summarize.js";
import { prepareTargets, type Targets } from "./targets.js";
import type { Cell, Mismatch, VerifyReport } from "./types.js";
import { VerifySetupError } from "./VerifySetupError.js";

export interface VerifyOptions {
  /** The deployment to verify, e.g. `http://127.0.0.1:4010`. */
  baseUrl: string;
  /** Credentials and ids of a deployment that is not a latchkey sandbox. */
  config?: VerifyConfig;
  /** Where `{"env": "NAME"}` secrets of the config are read; default `process.env` if any. */
  env?: Record<string, string | undefined>;
  /** Treat the target as a latchkey sandbox; default: detected by its `/_sandbox` controls. */
  sandbox?: boolean;
  /** Requests in flight at once; default 8. */
  concurrency?: number;
  /** Requests started per second at most; default unbounded. */
  maxRps?: number;
  /** Let cells change data the tool did not create (config targets only). */
  allowWrites?: boolean;
  /** Verify only these operation ids. */
  operations?: readonly string[];
  fetch?: typeof fetch;
  /** Called after each cell with the count done and the total. */
  onProgress?: (done: number, total: number) => void;
}

export async function verify(options: VerifyOptions): Promise<VerifyReport> {
  const started = performance.now();
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const http = createHttp(baseUrl, fetchImpl);
  const operations = readSpecOperations();
  const unknown = options.operations?.filter((id) => !operations.some((op) => op.id === id)) ?? [];
  if (unknown.length > 0) {
    throw new VerifySetupError(`no secured operation is called ${unknown.join(", ")} in the spec.`);
  }
  const sandbox = options.sandbox ?? (options.config ? false : await isSandbox(http));
  if (!sandbox && !options.config) {
    throw new VerifySetupError(
      `${baseUrl} has no /_sandbox controls, so it is not a latchkey sandbox: pass a config file naming its credentials (--config), or --sandbox if it is one.`,
    );
  }
  const env =
    options.env ?? (globalThis as { process?: { env: Record<string, string> } }).process?.env ?? {};
  const fixtures: Fixtures = sandbox
    ? await sandboxFixtures(http, operations)
    : await configFixtures(http, operations, options.config as VerifyConfig, env);
  const mismatches: Mismatch[] = [];
  const results: { cell: Cell; passed: boolean }[] = [];
  let skipped = new Map<string, number>();
  let targets: Targets | undefined;
  try {
    const prepared = await prepareTargets(http, operations, fixtures);
    targets = prepared;
    const only = options.operations ? new Set(options.operations) : null;
    const matrix = buildMatrix(operations, fixtures, prepared, {
      allowWrites: !!options.allowWrites,
      only,
    });
    skipped = matrix.skipped;
    const byId = new Map(operations.map((op) => [op.id, op]));
    let phases: Cell[][] = [
      matrix.cells.filter((c) => c.phase === "main"),
      matrix.cells.filter((c) => c.phase === "expired"),
    ];
    const total = matrix.cells.length;
    if (!fixtures.advanceClock && phases[1]?.length) {
      skipped.set("expired credentials need a target clock", phases[1].length);
      phases = [phases[0] ?? []];
    }
    let done = 0;
    for (const [index, phase] of phases.entries()) {
      if (index === 1 && phase.length > 0) await fixtures.advanceClock?.();
      await runPool(phase, options.concurrency ?? 8, options.maxRps ?? null, async (cell) => {
        const op = byId.get(cell.operation);
        if (!op) return;
        const request = await cell.request();
        const answer = await sendCell(fetchImpl, baseUrl, cell.method, request);
        const problems = checkAnswer(op, cell.expected, answer);
        results.push({ cell, passed: problems.length === 0 });
        if (fixtures.target === "config")
          rememberCreated(operations, op, request, answer, prepared);
        if (problems.length > 0) {
          mismatches.push({
            cell: cell.id,
            operation: cell.operation,
            label: cell.label,
            request: {
              method: cell.method.toUpperCase(),
              path: redact(request.path, request.secrets),
              headers: redactHeaders(request.headers, request.secrets),
            },
            expected: cell.expected,
            actual: {
              status: answer.status,
              code: codeOf(answer),
              challenge: answer.challenge && redact(answer.challenge, request.secrets),
            },
            problems: problems.map((p) => redact(p, request.secrets)),
          });
        }
        options.onProgress?.(++done, total);
      });
    }
  } finally {
    // What cells created first (it may need the keys minted for the run), then the fixtures.
    for (const { path, credential } of targets?.createdByCells ?? []) {
      await http("delete", path, { credential, expect: [200, 202, 204, 401, 403, 404, 409] });
    }
    await fixtures.cleanup();
  }
  mismatches.sort((a, b) => a.cell - b.cell);
  const durationMs = performance.now() - started;
  return {
    baseUrl,
    target: fixtures.target,
    cells: results.length,
    passed: results.filter((r) => r.passed).length,
    skipped: [...skipped].map(([reason, count]) => ({ reason, count })),
    mismatches,
    operations: summarize(operations, results),
    durationMs: Math.round(durationMs),
    cellsPerSecond: Math.round((results.length * 1000) / durationMs),
  };
}
