// `--state FILE` is a change log: a snapshot line, then one line per request's changes. What was
// answered survives; a last line cut short is dropped with a warning; damage elsewhere is refused;
// the single-snapshot file of earlier versions loads; compaction leaves one line.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createEngine } from "../../../mock/engine/createEngine.js";
import { createChangeLogFile } from "../../../mock/state/createChangeLogFile.js";
import { loadState, StateFileError } from "../../../mock/stateFile.js";

let dir = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "latchkey-changelog-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** An engine logging changes to `file`, as `latchkey sandbox --state file` runs it. */
async function logged(file: string) {
  const changeLog = createChangeLogFile(file, () => engine.snapshot());
  const engine = createEngine({ state: loadState(file, () => {}), changeLog });
  await engine.ready;
  changeLog.compact();
  const ws = await engine.fetch(
    new Request("http://sandbox/_sandbox/workspaces", { method: "POST" }),
  );
  const key = ((await ws.json()) as { owner: { user_key: { secret: string } } }).owner.user_key
    .secret;
  const createKey = (name: string) =>
    engine.fetch(
      new Request("http://sandbox/v1/me/api-keys", {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ name }),
      }),
    );
  return { engine, changeLog, createKey };
}

const lines = (file: string) => readFileSync(file, "utf8").split("\n").filter(Boolean);

describe("--state change log", () => {
  it("appends one line per answered change, and the file loads with every one of them", async () => {
    const file = join(dir, "state.jsonl");
    const { engine, createKey } = await logged(file);
    const before = lines(file).length;
    for (let i = 0; i < 5; i++) expect((await createKey(`k${i}`)).status).toBe(201);
    expect(lines(file).length).toBe(before + 5);
    expect(
      loadState(file)
        ?.keys.map((k) => k.id)
        .sort(),
    ).toEqual(
      engine
        .snapshot()
        .keys.map((k) => k.id)
        .sort(),
    );
  });

  it("drops a last record cut short by a crash, with a warning, and loads the rest", async () => {
    const file = join(dir, "state.jsonl");
    const { engine, createKey } = await logged(file);
    await createKey("kept");
    const keys = engine.snapshot().keys.length;
    appendFileSync(file, '1a2b3c4d {"v":1,"batch":[{"t":"put","c":"ke');
    const warnings: string[] = [];
    expect(loadState(file, (w) => warnings.push(w))?.keys).toHaveLength(keys);
    expect(warnings.join()).toMatch(/dropped a last record cut short by a crash/);
  });

  it("refuses a change log damaged before its last line, naming the line", async () => {
    const file = join(dir, "state.jsonl");
    const { createKey } = await logged(file);
    await createKey("a");
    await createKey("b");
    const text = lines(file);
    text[1] = text[1]?.replace('"name":"', '"name":"X') ?? "";
    writeFileSync(file, `${text.join("\n")}\n`);
    expect(() => loadState(file, () => {})).toThrow(StateFileError);
    expect(() => loadState(file, () => {})).toThrow(/damaged at line 2/);
  });

  it("loads the single-snapshot state file of earlier versions, and appends to its change log from then on", async () => {
    const file = join(dir, "state.json");
    const old = createEngine();
    await old.ready;
    await old.fetch(new Request("http://sandbox/_sandbox/workspaces", { method: "POST" }));
    writeFileSync(file, JSON.stringify(old.snapshot()));
    const { engine, createKey } = await logged(file);
    expect(engine.snapshot().workspaces.map((w) => w.id)).toContain(
      old.snapshot().workspaces[0]?.id,
    );
    expect((await createKey("after")).status).toBe(201);
    expect(readFileSync(file, "utf8")).toMatch(/^[0-9a-f]{8} /);
    expect(loadState(file)?.workspaces).toHaveLength(2);
  });

  it("compacts into one snapshot line that loads the same state", async () => {
    const file = join(dir, "state.jsonl");
    const { engine, changeLog, createKey } = await logged(file);
    for (let i = 0; i < 3; i++) await createKey(`k${i}`);
    expect(lines(file).length).toBeGreaterThan(1);
    changeLog.compact();
    expect(lines(file)).toHaveLength(1);
    expect(loadState(file)).toEqual(engine.snapshot());
  });

  it("writes a key's last use behind a read, so it survives a restart too", async () => {
    const file = join(dir, "state.jsonl");
    const { engine, createKey } = await logged(file);
    const created = (await (await createKey("used")).json()) as { id: string; secret: string };
    await engine.fetch(
      new Request("http://sandbox/v1/auth/whoami", {
        headers: { authorization: `Bearer ${created.secret}` },
      }),
    );
    await engine.context.persist();
    const saved = loadState(file)?.keys.find((k) => k.id === created.id);
    expect(saved?.lastUsedAt).not.toBeNull();
  });
});
