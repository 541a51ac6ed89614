// Request log lines are written in batches, never lost at shutdown.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLineWriter } from "../../../mock/server/createLineWriter.js";

function sink(): { out: Writable; writes: string[] } {
  const writes: string[] = [];
  const out = new Writable({
    write(chunk, _encoding, done) {
      writes.push(String(chunk));
      done();
    },
  });
  return { out, writes };
}

describe("createLineWriter", () => {
  it("writes the lines of a burst together, in one write, shortly after", async () => {
    const { out, writes } = sink();
    const write = createLineWriter(out, 5);
    write("one");
    write("two");
    expect(writes).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(writes).toEqual(["one\ntwo\n"]);
  });

  it("writes everything queued at once on flush, as at shutdown", () => {
    const { out, writes } = sink();
    const write = createLineWriter(out, 10_000);
    write("last words");
    write.flush();
    expect(writes).toEqual(["last words\n"]);
    write.flush();
    expect(writes).toHaveLength(1);
  });
});
