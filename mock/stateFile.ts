// The `--state FILE` of `latchkey sandbox`: a change log. Its first line is a snapshot, each further
// line one request's changes (state/createChangeLogFile.ts appends them). Loading folds the lines into
// one snapshot; saving (compaction) replaces the file atomically with a single snapshot line, so a
// crash (even kill -9, even power loss) leaves either the previous file or the new one, whole.
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
import { CHANGE_VERSION, type ChangeBatch } from "./engine/changes/Change.js";
import { foldChanges } from "./engine/changes/foldChanges.js";
import { snapshotProblem } from "./engine/snapshotProblem.js";
import type { Snapshot } from "./engine/types.js";
import { decodeLine, encodeLine } from "./state/changeLogLine.js";

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

/** Checks that `data` is a sandbox snapshot; throws StateFileError naming what is wrong. */
function checkSnapshot(file: string, data: unknown): Snapshot {
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
 * The change log's records: a snapshot, then the batches of changes made after it. A last line cut
 * short by a crash is dropped (with a warning): its request was never answered. A damaged line
 * anywhere else means the file cannot be trusted, and it is refused.
 */
function readChangeLog(file: string, text: string, warn: (message: string) => void): Snapshot {
  const lines = text.split("\n");
  // A complete file ends with a newline, so its last piece is empty.
  const last = lines.pop() ?? "";
  if (last !== "")
    warn(`${file}: dropped a last record cut short by a crash (its request was never answered).`);
  const batches: ChangeBatch[] = [];
  let base: Snapshot | undefined;
  lines.forEach((line, i) => {
    const record = decodeLine(line);
    if (record === null || record.v !== CHANGE_VERSION) {
      if (i === lines.length - 1 && i > 0) {
        warn(
          `${file}: dropped a damaged last record (line ${i + 1}); its request was never answered.`,
        );
        return;
      }
      throw new StateFileError(
        `The state file ${file} is damaged at line ${i + 1} (checksum or version); move it away to start afresh.`,
      );
    }
    if ("snapshot" in record) {
      if (i !== 0)
        throw new StateFileError(
          `The state file ${file} has a snapshot at line ${i + 1}; only the first line may be one.`,
        );
      base = checkSnapshot(file, record.snapshot);
    } else if (base === undefined) {
      throw new StateFileError(
        `The state file ${file} does not start with a snapshot; move it away to start afresh.`,
      );
    } else batches.push(record.batch);
  });
  if (base === undefined)
    throw new StateFileError(`The state file ${file} is empty; delete it to start afresh.`);
  return batches.length === 0 ? base : checkSnapshot(file, foldChanges(base, batches));
}

/**
 * The state saved in `file` (a change log, or the single JSON snapshot earlier versions wrote), or
 * undefined if there is none yet. Throws StateFileError if unusable.
 */
export function loadState(
  file: string,
  warn: (message: string) => void = (message) => console.warn(message),
): Snapshot | undefined {
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
  if (!text.startsWith("{")) return readChangeLog(file, text, warn);
  // The format before the change log: one JSON snapshot. It loads; the next save converts it.
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new StateFileError(`The state file ${file} is not JSON; move it away to start afresh.`);
  }
  return checkSnapshot(file, data);
}

/**
 * Writes `snapshot` to `file` as a change log of one record, atomically and durably: a temp file in
 * the same directory, fsync, rename over the old file, fsync the directory (so the rename itself
 * survives a power loss). A crash leaves the previous file or this one, whole.
 */
export function saveState(file: string, snapshot: Snapshot): void {
  // Never replace a usable file with one the next start would refuse.
  const problem = snapshotProblem(snapshot, Date.now());
  if (problem !== null) throw new StateFileError(`Not saving an unusable state: ${problem}.`);
  const temp = tempName(file, process.pid);
  // The file holds the server's MAC and signing keys: readable by its owner only.
  const fd = openSync(temp, "w", 0o600);
  try {
    writeSync(fd, encodeLine({ v: CHANGE_VERSION, snapshot }));
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
