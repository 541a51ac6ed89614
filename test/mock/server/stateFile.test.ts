// The state file: what is saved loads back, nothing half-written is ever read, strangers are refused.
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { emptySnapshot } from "../../../mock/engine/emptySnapshot.js";
import type { Snapshot } from "../../../mock/engine/types.js";
import { loadState, StateFileError, saveState } from "../../../mock/stateFile.js";

let dir = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "latchkey-state-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function snapshot(workspaces = 1): Snapshot {
  return {
    ...emptySnapshot({ root: "c2VjcmV0" }),
    clockOffsetMs: 1234,
    workspaces: Array.from({ length: workspaces }, (_, i) => ({
      id: `ws_${String(i).padStart(16, "0")}`,
      name: "w",
      createdAt: 1,
    })),
  };
}

describe("state file", () => {
  it("loads back exactly what was saved", () => {
    const file = join(dir, "state.json");
    saveState(file, snapshot(3));
    expect(loadState(file)).toEqual(snapshot(3));
  });

  it("replaces the previous state whole and leaves no temp file behind", () => {
    const file = join(dir, "state.json");
    saveState(file, snapshot(1));
    saveState(file, snapshot(2));
    expect(loadState(file)?.workspaces).toHaveLength(2);
    expect(readdirSync(dir)).toEqual(["state.json"]);
  });

  it("is readable by its owner only, since it holds the server's MAC keys", () => {
    const file = join(dir, "state.json");
    saveState(file, snapshot());
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("starts empty when the file does not exist yet", () => {
    expect(loadState(join(dir, "missing.json"))).toBeUndefined();
  });

  it("refuses, at start, a state file whose directory does not exist", () => {
    expect(() => loadState(join(dir, "no-such-dir", "state.json"))).toThrow(
      /its directory does not exist/,
    );
  });

  it("refuses a file that is not JSON, saying how to start afresh", () => {
    const file = join(dir, "state.json");
    writeFileSync(file, '{"version":1,"serverSe');
    expect(() => loadState(file)).toThrow(StateFileError);
    expect(() => loadState(file)).toThrow(/not JSON; move it away/);
  });

  it("refuses JSON that is not a sandbox state, naming what is wrong", () => {
    const file = join(dir, "state.json");
    writeFileSync(file, JSON.stringify({ version: 2, keys: {} }));
    expect(() => loadState(file)).toThrow(/version is not 1.*keys is not a list/);
  });

  it("removes temp files left by a process killed between write and rename", () => {
    const file = join(dir, "state.json");
    saveState(file, snapshot());
    // pid 2^22+1 is above Linux's pid_max ceiling, so no process can have it.
    const stale = join(dir, ".state.json.4194305.tmp");
    writeFileSync(stale, "{half");
    expect(loadState(file)?.workspaces).toHaveLength(1);
    expect(readdirSync(dir)).toEqual(["state.json"]);
  });
});
