import { describe, expect, it } from "vitest";
import { createRequestJournal } from "../../../mock/engine/journal/createRequestJournal.js";
import type { CapturedRecord } from "../../../mock/engine/journal/journalEntry.js";
import { record } from "./journalRecordFixture.js";

/** Request `i` as captured, before the journal files it. */
function captured(i: number, query = ""): CapturedRecord {
  return { ...record({ id: `req_${i}`, path: `/v1/agents/agt_${i}` }), query };
}

// The journal files captured records in batches; none of that may show to a reader.
describe("the journal's waiting records", () => {
  it("are all filed, oldest first, before a list reads the journal", () => {
    const journal = createRequestJournal(100);
    // More than one batch: some filed, the rest still waiting.
    for (let i = 0; i < 45; i++) journal.record(captured(i));
    const ids = journal.list({ limit: 100 }).data.map((entry) => entry.id);
    expect(ids).toEqual(Array.from({ length: 45 }, (_, i) => `req_${44 - i}`));
  });

  it("are filed before a get looks one up", () => {
    const journal = createRequestJournal(100);
    journal.record(captured(1));
    expect(journal.get("req_1")?.path).toBe("/v1/agents/agt_1");
  });

  it("are filed with their query's secrets redacted", () => {
    const journal = createRequestJournal(10);
    journal.record(captured(2, "token=anything-at-all&limit=5"));
    expect(journal.get("req_2")?.path).toBe("/v1/agents/agt_2?token=%5Bredacted%5D&limit=5");
  });

  it("are forgotten by clear, with the filed ones", () => {
    const journal = createRequestJournal(100);
    for (let i = 0; i < 40; i++) journal.record(captured(i));
    journal.clear();
    expect(journal.list().data).toEqual([]);
    journal.record(captured(99));
    expect(journal.list().data.map((entry) => entry.id)).toEqual(["req_99"]);
  });
});
