// One line of the `--state` change log: `<checksum> <json>\n`. The checksum (the first 8 hex digits
// of the line's SHA-256) tells a record cut short by a crash, or damaged on disk, from a whole
// one, so a torn last line is dropped instead of loaded half.
import { createHash } from "node:crypto";
import type { CHANGE_VERSION, ChangeBatch } from "../engine/changes/Change.js";
import type { Snapshot } from "../engine/types.js";

export type ChangeLogRecord =
  | { v: typeof CHANGE_VERSION; snapshot: Snapshot }
  | { v: typeof CHANGE_VERSION; batch: ChangeBatch };

const sum = (json: string) => createHash("sha256").update(json).digest("hex").slice(0, 8);

export function encodeLine(record: ChangeLogRecord): string {
  const json = JSON.stringify(record);
  return `${sum(json)} ${json}\n`;
}

/** The record on a line, or null if the line is not whole (wrong checksum, not JSON). */
export function decodeLine(line: string): ChangeLogRecord | null {
  const space = line.indexOf(" ");
  if (space !== 8) return null;
  const json = line.slice(space + 1);
  if (sum(json) !== line.slice(0, space)) return null;
  try {
    return JSON.parse(json) as ChangeLogRecord;
  } catch {
    return null;
  }
}
