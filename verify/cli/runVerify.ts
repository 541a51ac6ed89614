// `latchkey verify`: runs verify() with the command line's options, shows progress on a TTY,
// prints the summary, writes --json / --junit, and answers the exit status CI reads.
import { readFileSync, writeFileSync } from "node:fs";
import type { VerifyConfig } from "../config/VerifyConfig.js";
import { formatSummary } from "../report/formatSummary.js";
import { toJunit } from "../report/toJunit.js";
import { isVerifySetupError, VerifySetupError } from "../VerifySetupError.js";
import { verify } from "../verify.js";
import { createNodeFetch } from "./nodeFetch.js";
import { parseVerifyArgs, verifyUsage } from "./parseVerifyArgs.js";
import { progressBar } from "./progressBar.js";

function readConfig(file: string): VerifyConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new VerifySetupError(
      `cannot read the config file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
    );
  }
  try {
    return JSON.parse(text) as VerifyConfig;
  } catch (error) {
    throw new VerifySetupError(
      `the config file ${file} is not valid JSON: ${(error as Error).message}.`,
    );
  }
}

/** The exit status: 0 all cells match, 1 a mismatch, 2 a usage or connection error. */
export async function runVerify(argv: readonly string[]): Promise<number> {
  try {
    const args = parseVerifyArgs(argv);
    if (args.help) {
      process.stdout.write(verifyUsage);
      return 0;
    }
    const bar = process.stderr.isTTY ? progressBar(process.stderr) : null;
    const report = await verify({
      baseUrl: args.baseUrl,
      config: args.config ? readConfig(args.config) : undefined,
      sandbox: args.sandbox || undefined,
      concurrency: args.concurrency,
      maxRps: args.maxRps ?? undefined,
      allowWrites: args.allowWrites,
      operations: args.only ?? undefined,
      onProgress: bar?.update,
      fetch: createNodeFetch(args.concurrency),
    });
    bar?.done();
    process.stdout.write(formatSummary(report));
    if (args.json) writeFileSync(args.json, `${JSON.stringify(report, null, 2)}\n`);
    if (args.junit) writeFileSync(args.junit, toJunit(report));
    return report.mismatches.length > 0 ? 1 : 0;
  } catch (error) {
    if (!isVerifySetupError(error)) throw error;
    process.stderr.write(
      `latchkey verify: ${error.message}\nRun "latchkey verify --help" for the options.\n`,
    );
    return 2;
  }
}
