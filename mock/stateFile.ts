// The `--state FILE` of `latchkey sandbox`: the engine's snapshot as JSON, replaced atomically so a
// crash (even kill -9, even power loss) leaves either the previous state or the new one, whole.
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { snapshotProblem } from "./engine/snapshotProblem.js";
import type { Snapshot } from "./engine/types.js";

export class StateFileError extends Error {
  override name = "StateFileError";
}

const listFields = [
  "workspaces",
  "users",
  "teams",
  "agents",
  "keys",
  "refreshTokens",
  "families",
  "revokedJtis",
  "jobs",
] as const;

function tempName(file: string, pid: number): string {
  return join(dirname(file), `.${basename(file)}.${pid}.tmp`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A temp file left by a process killed between write and rename holds nothing we need. */
function removeStaleTemps(file: string): void {
  const prefix = `.${basename(file)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(file));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(".tmp")) continue;
    const pid = Number(name.slice(prefix.length, -".tmp".length));
    if (Number.isInteger(pid) && pid !== process.pid && !isAlive(pid)) {
      rmSync(join(dirname(file), name), { force: true });
    }
  }
}

/** The state saved in `file`, or undefined if there is none yet. Throws StateFileError if unusable. */
export function loadState(file: string): Snapshot | undefined {
  removeStaleTemps(file);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      // Found out now, rather than as a 500 on the first change.
      if (!existsSync(dirname(file))) {
        throw new StateFileError(`Cannot keep state in ${file}: its directory does not exist.`);
      }
      return undefined;
    }
    throw new StateFileError(`Cannot read the state file ${file}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new StateFileError(`The state file ${file} is not JSON; move it away to start afresh.`);
  }
  const state = data as Partial<Snapshot> | null;
  const problems: string[] = [];
  if (state?.version !== 1) problems.push("version is not 1");
  if (typeof state?.serverSecrets !== "object" || state.serverSecrets === null) {
    problems.push("serverSecrets is missing");
  }
  if (typeof state?.clockOffsetMs !== "number") problems.push("clockOffsetMs is not a number");
  for (const field of listFields) {
    if (!Array.isArray(state?.[field])) problems.push(`${field} is not a list`);
  }
  if (problems.length > 0) {
    throw new StateFileError(
      `The state file ${file} is not a latchkey sandbox state (${problems.join(", ")}); move it away to start afresh.`,
    );
  }
  const problem = snapshotProblem(state, Date.now());
  if (problem !== null) {
    throw new StateFileError(
      `The state file ${file} cannot be used: ${problem}. Fix that field or move the file away to start afresh.`,
    );
  }
  return state as Snapshot;
}

/**
 * Writes `snapshot` to `file` atomically and durably: a temp file in the same directory, fsync,
 * rename over the old file, fsync the directory (so the rename itself survives a power loss).
 * Synchronous on purpose: called from `onPersist`, it returns only when the state is on disk, so
 * a response that reports a change is never sent before the change could survive a crash.
 */
export function saveState(file: string, snapshot: Snapshot): void {
  // Never replace a usable file with one the next start would refuse.
  const problem = snapshotProblem(snapshot, Date.now());
  if (problem !== null) throw new StateFileError(`Not saving an unusable state: ${problem}.`);
  const temp = tempName(file, process.pid);
  // The file holds the server's MAC and signing keys: readable by its owner only.
  const fd = openSync(temp, "w", 0o600);
  try {
    writeSync(fd, JSON.stringify(snapshot));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
  try {
    const dir = openSync(dirname(file), "r");
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  } catch {
    // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic.
  }
}
