// Runs `latchkey …` as a child process, the way a person does: dist/cli.js when the build is
// up to date (always so under `npm test`, which builds first), else the same CLI from source.
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const rootDir = fileURLToPath(new URL("../../../", import.meta.url));
const distCli = join(rootDir, "dist", "cli.js");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

/** True when dist/cli.js is newer than every source it is built from. */
export function distIsFresh(): boolean {
  try {
    const built = statSync(distCli).mtimeMs;
    const sources = ["mock", "src", "verify"].map((dir) => newestSource(join(rootDir, dir)));
    return sources.every((mtime) => mtime < built);
  } catch {
    return false;
  }
}

/** node's arguments that run the CLI: the build if fresh, else the TypeScript source via tsx. */
export function cliCommand(): string[] {
  return distIsFresh() ? [distCli] : ["--import", "tsx", join(rootDir, "mock", "cli.ts")];
}

export interface Cli {
  child: ChildProcess;
  /** Everything written to stdout / stderr so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
  /** Waits until stdout matches `pattern` (bounded by `timeoutMs`). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** SIGKILLs the process if it is still running. */
  kill(): Promise<void>;
}

export function startCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Cli {
  const child = spawn(process.execPath, [...cliCommand(), ...args], {
    cwd: options.cwd ?? rootDir,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", ...options.env },
  });
  let out = "";
  let err = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    out += chunk;
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown"));
  });
  let ended = false;
  void exited.then(() => {
    ended = true;
  });

  const waitFor = async (pattern: RegExp, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(out);
      if (match) return match;
      if (ended || Date.now() > deadline) {
        throw new Error(
          `stdout never matched ${pattern} (${ended ? "process exited" : "timed out"}).\n` +
            `stderr: ${err.slice(0, 2000)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor,
    async kill() {
      if (!ended) child.kill("SIGKILL");
      await exited;
    },
  };
}

/** What the banner tells: the URL, and the curl line's key and URL. */
export interface Banner {
  url: string;
  key: string;
  curlUrl: string;
  workspaceId: string;
}

export async function waitForBanner(cli: Cli): Promise<Banner> {
  const curl = await cli.waitFor(/curl -H "Authorization: Bearer (\S+)" (http\S+)\n/);
  const url = /listening on (http\S+)/.exec(cli.stdout())?.[1] ?? "";
  const workspaceId = /workspace (ws_\w+)/.exec(cli.stdout())?.[1] ?? "";
  return { url, key: curl[1] ?? "", curlUrl: curl[2] ?? "", workspaceId };
}
