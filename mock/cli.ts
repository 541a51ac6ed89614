// `latchkey`: the command line. `latchkey sandbox` runs the sandbox server until Ctrl+C.
import packageJson from "../package.json" with { type: "json" };
import { createLineWriter } from "./server/createLineWriter.js";
import { createSandboxServer } from "./server/createSandboxServer.js";
import { createBannerWorkspace, formatBanner } from "./server/formatBanner.js";
import { parseSandboxArgs, sandboxUsage, UsageError } from "./server/parseSandboxArgs.js";
import { StateFileError } from "./stateFile.js";

const usage = `Usage: latchkey <command> [options]

Commands:
  sandbox        run the Agent Platform API sandbox (see: latchkey sandbox --help)

Options:
  -h, --help     show this help
  -v, --version  print the version
`;

const loopback = /^(?:127\.|localhost$|::1$|\[::1\]$)/;

async function runSandbox(argv: string[]): Promise<number | undefined> {
  const args = parseSandboxArgs(argv);
  if (args.help) {
    process.stdout.write(sandboxUsage);
    return 0;
  }
  const write = createLineWriter(process.stdout);
  // Request lines start after the banner, so the first thing on screen is the curl line.
  let logging = false;
  const sandbox = createSandboxServer({
    ...args.options,
    log: args.quiet ? undefined : (line) => logging && write(line),
  });
  let url: string;
  try {
    url = await sandbox.listen(args.port, args.host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "EADDRINUSE" ? "is in use; pick another --port, or --port 0" : `failed (${code})`;
    process.stderr.write(`latchkey sandbox: listening on ${args.host}:${args.port} ${why}.\n`);
    return 1;
  }
  const starter = await createBannerWorkspace(sandbox.engine);
  process.stdout.write(
    formatBanner({
      url,
      ...starter,
      stateFile: args.options.stateFile,
      strict: !!args.options.strict,
    }),
  );
  if (!loopback.test(args.host)) {
    process.stdout.write(
      `Warning: listening on ${args.host}; others on the network can call it.\n`,
    );
  }
  logging = true;

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // A second Ctrl+C means "now": skip waiting for in-flight requests.
    if (stopping) process.exit(130);
    stopping = true;
    write(`${signal}: finishing in-flight requests, then stopping.`);
    sandbox.close().then(
      () => {
        write(
          args.options.stateFile
            ? `Stopped; state saved to ${args.options.stateFile}.`
            : "Stopped.",
        );
        write.flush();
        process.exit(0);
      },
      (error: unknown) => {
        write.flush();
        process.stderr.write(`latchkey sandbox: shutdown failed: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return undefined;
}

async function main(argv: string[]): Promise<number | undefined> {
  const [command, ...rest] = argv;
  if (command === "-h" || command === "--help" || command === "help") {
    process.stdout.write(usage);
    return 0;
  }
  if (command === "-v" || command === "--version") {
    process.stdout.write(`${packageJson.version}\n`);
    return 0;
  }
  if (command === "sandbox") return runSandbox(rest);
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
    } else if (error instanceof StateFileError) {
      process.stderr.write(`latchkey sandbox: ${error.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`latchkey: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
