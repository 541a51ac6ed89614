// `--state FILE` as a change log: each request's changes are one line appended to the file and
// fsynced before the request is answered, so a write costs the same with 10 keys or 100,000
// (the snapshot of today's state used to be rewritten whole on every change). The file is
// compacted into one snapshot line at start, at close, and when the changes written since the
// last snapshot outweigh it.
import { closeSync, fdatasyncSync, openSync, statSync, writeSync } from "node:fs";
import type { ChangeBatch, ChangeLog } from "../engine/changes/Change.js";
import { CHANGE_VERSION } from "../engine/changes/Change.js";
import type { Snapshot } from "../engine/types.js";
import { saveState } from "../stateFile.js";
import { encodeLine } from "./changeLogLine.js";

/** Compaction waits until the changes are at least this big, and bigger than the snapshot. */
const MIN_COMPACT_BYTES = 8 * 1024 * 1024;

export interface ChangeLogFile extends ChangeLog {
  /**
   * Rewrites the file as one snapshot line and opens it for appending: the compaction at start
   * (call it once the engine is ready, so the snapshot holds its signing key), also done when
   * the changes outgrow the snapshot. The first append compacts if nothing has yet.
   */
  compact(): void;
  /** Compacts a last time and closes the file. */
  close(): void;
}

/**
 * The change log of `file`. `snapshot` returns the engine's whole state; it is called whenever the
 * change log compacts, so the engine can be created after the change log (it takes it as its log).
 */
export function createChangeLogFile(file: string, snapshot: () => Snapshot): ChangeLogFile {
  let fd = -1;
  let snapshotBytes = 0;
  let changeBytes = 0;

  const compact = () => {
    if (fd >= 0) closeSync(fd);
    fd = -1;
    saveState(file, snapshot());
    snapshotBytes = statSync(file).size;
    changeBytes = 0;
    fd = openSync(file, "a", 0o600);
  };

  return {
    append(batch: ChangeBatch) {
      if (batch.length === 0) return;
      if (fd < 0) compact();
      const line = encodeLine({ v: CHANGE_VERSION, batch });
      writeSync(fd, line);
      // Data only: the file's size and times need not reach the disk for the line to be read back.
      fdatasyncSync(fd);
      changeBytes += line.length;
      if (changeBytes > MIN_COMPACT_BYTES && changeBytes > snapshotBytes) compact();
    },
    compact,
    close() {
      compact();
      closeSync(fd);
      fd = -1;
    },
  };
}
