#!/usr/bin/env node
// `latchkey`: the command line. `latchkey sandbox` runs the sandbox server until Ctrl+C.
import packageJson from "../package.json" with { type: "json" };
import { runVerify } from "../verify/cli/runVerify.js";
import { sandboxUsage, UsageError } from "./server/parseSandboxArgs.js";
import { runSandbox } from "./server/runSandbox.js";
import { StateFileError } from "./stateFile.js";

const usage = `Usage: latchkey <command> [options]

Commands:
  sandbox        run the Agent Platform API sandbox (see: latchkey help sandbox)
  verify         check a deployment against the spec's auth contract (see: latchkey verify --help)
  help [COMMAND] show this help, or a command's

Options:
  -h, --help     show this help
  -v, --version  print the version
`;

async function main(argv: string[]): Promise<number | undefined> {
  const [command, ...rest] = argv;
  if (command === "help" && rest[0] === "sandbox") {
    process.stdout.write(sandboxUsage);
    return 0;
  }
  if (command === "help" && rest.length > 0) {
    process.stderr.write(`latchkey: no help for "${rest[0]}".\n\n${usage}`);
    return 2;
  }
  if (command === "-h" || command === "--help" || command === "help") {
    process.stdout.write(usage);
    return 0;
  }
  if (command === "-v" || command === "--version") {
    process.stdout.write(`${packageJson.version}\n`);
    return 0;
  }
  if (command === "sandbox") return runSandbox(rest);
  if (command === "verify") return runVerify(rest);
  process.stderr.write(
    `${command === undefined ? "latchkey: a command is needed." : `latchkey: unknown command "${command}".`}\n\n${usage}`,
  );
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(
        `latchkey sandbox: ${error.message}\nRun "latchkey sandbox --help" for the options.\n`,
      );
      process.exitCode = 2;
    } else if (
      error instanceof StateFileError ||
      (error instanceof Error && error.name === "StoreConnectError")
    ) {
      process.stderr.write(`latchkey sandbox: ${error.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`latchkey: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
