import { describe, expect, it } from "vitest";
import { createRecordRing } from "../../../mock/engine/journal/createRecordRing.js";
import { held, record } from "./journalRecordFixture.js";

describe("the journal's record ring", () => {
  it("reads back every field of a record as it was written", () => {
    const ring = createRecordRing(4);
    const written = record();
    ring.write(2, written, 7);
    expect(ring.read(2)).toEqual(written);
    expect(ring.id(2)).toBe(written.id);
    expect(ring.seq(2)).toBe(7);
    expect(ring.status(2)).toBe(403);
    expect(ring.ref(2, "workspaceId")).toBe(written.workspaceId);
    expect(ring.read(2).held).toBe(held);
  });

  it("reads back a record with no agent, no credential and no details", () => {
    const ring = createRecordRing(2);
    const written = record({
      agent: null,
      kind: null,
      presentedIn: null,
      start: null,
      principalKind: null,
      principalId: null,
      userId: null,
      code: null,
      status: 200,
      trail: ["route", "pass", null, "handler", "pass", null],
    });
    ring.write(0, written, 1);
    expect(ring.read(0)).toEqual(written);
  });

  it("keeps each agent context's source", () => {
    const ring = createRecordRing(3);
    const sources = ["header", "key", "implied"] as const;
    sources.forEach((source, i) => {
      ring.write(i, record({ agent: { agent_id: `agt_${i}`, source } }), i + 1);
    });
    expect(sources.map((_, i) => ring.read(i).agent)).toEqual(
      sources.map((source, i) => ({ agent_id: `agt_${i}`, source })),
    );
  });

  it("keeps texts that are not ASCII, or do not fit a slot, whole", () => {
    const ring = createRecordRing(3);
    const accented = record({ path: "/v1/agents/café", id: "req_é" });
    const long = record({ path: `/v1/${"a".repeat(2000)}` });
    ring.write(0, accented, 1);
    ring.write(1, long, 2);
    expect(ring.read(0)).toEqual(accented);
    expect(ring.id(0)).toBe("req_é");
    expect(ring.read(1)).toEqual(long);
  });

  it("forgets a slot's overflow once the slot is written again", () => {
    const ring = createRecordRing(1);
    ring.write(0, record({ path: `/${"b".repeat(500)}` }), 1);
    const plain = record({ path: "/v1/agents" });
    ring.write(0, plain, 2);
    expect(ring.read(0)).toEqual(plain);
  });

  it("grows past its first slots without losing a record", () => {
    const ring = createRecordRing(3000);
    for (let i = 0; i < 3000; i++) ring.write(i, record({ status: i, path: `/p/${i}` }), i + 1);
    for (const i of [0, 1023, 1024, 2047, 2048, 2999]) {
      expect(ring.read(i)).toEqual(record({ status: i, path: `/p/${i}` }));
    }
  });

  it("keeps passing details past the vocabulary's size as texts, none lost", () => {
    const ring = createRecordRing(5000);
    const made = (i: number) => record({ trail: ["scope", "pass", `detail number ${i}`] });
    for (let i = 0; i < 5000; i++) ring.write(i, made(i), i + 1);
    for (const i of [0, 4095, 4096, 4999]) expect(ring.read(i)).toEqual(made(i));
    // A check and an outcome first seen once the vocabulary is full still get codes of their own.
    const late = record({ trail: ["contract", "skip", null, "internal", "fail", "a bug"] });
    ring.write(0, late, 5001);
    expect(ring.read(0)).toEqual(late);
  });
});
