// `latchkey sandbox`: parse the flags, start the server (or its workers), print the banner, and
// stop cleanly on Ctrl+C or SIGTERM.
import cluster from "node:cluster";
import { loadSharedStore, StoreClientMissingError } from "../state/loadSharedStore.js";
import type { SharedStore } from "../state/openSharedStore.js";
import { redactStoreUrl } from "../state/redactStoreUrl.js";
import { createLineWriter } from "./createLineWriter.js";
import { createSandboxServer, type SandboxServer } from "./createSandboxServer.js";
import { formatBanner } from "./formatBanner.js";
import { formatJsonEvent } from "./formatJsonLogLine.js";
import { listenFailure } from "./listenFailure.js";
import { parseSandboxArgs, type SandboxArgs, sandboxUsage } from "./parseSandboxArgs.js";
import { isFirstProcess, runWorkers } from "./runWorkers.js";
import { starterWorkspace } from "./starterWorkspace.js";

const loopback = /^(?:127\.|localhost$|::1$|\[::1\]$)/;

type Say = (event: string, message: string) => void;

export async function runSandbox(argv: string[]): Promise<number | undefined> {
  const args = parseSandboxArgs(argv);
  if (args.help) {
    process.stdout.write(sandboxUsage);
    return 0;
  }
  if (args.workers > 1 && cluster.isPrimary) return runWorkers(args.workers);
  let shared: SharedStore | undefined;
  if (args.store !== undefined) {
    // Loaded only here: the Redis client is an optional peer, absent from most installs.
    let openSharedStore: Awaited<ReturnType<typeof loadSharedStore>>;
    try {
      openSharedStore = await loadSharedStore();
    } catch (error) {
      if (!(error instanceof StoreClientMissingError)) throw error;
      process.stderr.write(`latchkey sandbox: ${error.message}\n`);
      return 1;
    }
    shared = await openSharedStore(args.store);
  }
  const write = createLineWriter(process.stdout);
  // With --log json, stdout carries only JSON lines; the banner, for a person, goes to stderr.
  const json = args.log === "json";
  const say: Say = (event, message) => write(json ? formatJsonEvent(event, { message }) : message);
  // Request lines start after the banner, so the first thing on screen is the curl line.
  let logging = false;
  // The banner's key, also the docs page's (for a page its own origin asks for): set once made.
  let starterKey: string | undefined;
  const sandbox = createSandboxServer({
    ...args.options,
    docsStarterKey: () => starterKey,
    ...(shared && { state: shared.state, changeLog: shared.changeLog }),
    log: args.quiet ? undefined : (line) => logging && write(line),
  });
  let url: string;
  try {
    url = await sandbox.listen(args.port, args.host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    process.stderr.write(`latchkey sandbox: ${listenFailure(args.host, args.port, code)}\n`);
    return 1;
  }
  if (isFirstProcess()) {
    const starter = await starterWorkspace(sandbox.engine);
    starterKey = starter.userKey;
    const banner = json ? process.stderr : process.stdout;
    banner.write(
      formatBanner({
        url,
        ...starter,
        stateFile:
          args.store === undefined
            ? args.options.stateFile
            : `shared with other replicas through ${redactStoreUrl(args.store)}`,
        strict: !!args.options.strict,
        issuers: args.options.trustedIssuers,
      }),
    );
    if (json) write(formatJsonEvent("listening", { url, docs: `${url}/docs` }));
    if (!loopback.test(args.host)) {
      banner.write(`Warning: listening on ${args.host}; others on the network can call it.\n`);
    }
  }
  logging = true;
  stopOnSignal(sandbox, args, say, write.flush, shared);
  return undefined;
}

/** Ctrl+C or SIGTERM: finish in-flight requests, save or let go of the state, then exit. */
function stopOnSignal(
  sandbox: SandboxServer,
  args: SandboxArgs,
  say: Say,
  flush: () => void,
  shared: SharedStore | undefined,
): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // A second Ctrl+C means "now": skip waiting for in-flight requests.
    if (stopping) process.exit(130);
    stopping = true;
    say("stopping", `${signal}: finishing in-flight requests, then stopping.`);
    sandbox
      .close()
      .then(() => shared?.close())
      .then(
        () => {
          const saved = args.options.stateFile;
          say("stopped", saved ? `Stopped; state saved to ${saved}.` : "Stopped.");
          flush();
          process.exit(0);
        },
        (error: unknown) => {
          flush();
          process.stderr.write(`latchkey sandbox: shutdown failed: ${(error as Error).message}\n`);
          process.exit(1);
        },
      );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
