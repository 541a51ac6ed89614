import { describe, expect, it } from "vitest";
import { paginate } from "../../../mock/engine/operations/paginate.js";

const items = Array.from({ length: 5 }, (_, i) => ({ id: `id_${i}`, createdAt: 1000 + i }));
const ids = (page: { data: { id: string }[] }) => page.data.map((item) => item.id);

describe("paginate", () => {
  it("pages newest first and ends with a null next_cursor", () => {
    const first = paginate(items, { limit: 2 }, "newest-first", (x) => x);
    expect(ids(first)).toEqual(["id_4", "id_3"]);
    const second = paginate(
      items,
      { limit: 2, cursor: first.next_cursor ?? "" },
      "newest-first",
      (x) => x,
    );
    expect(ids(second)).toEqual(["id_2", "id_1"]);
    const third = paginate(
      items,
      { limit: 2, cursor: second.next_cursor ?? "" },
      "newest-first",
      (x) => x,
    );
    expect(ids(third)).toEqual(["id_0"]);
    expect(third.next_cursor).toBeNull();
  });

  it("does not repeat or skip items when one is deleted between pages", () => {
    const first = paginate(items, { limit: 2 }, "oldest-first", (x) => x);
    const remaining = items.filter((item) => item.id !== "id_1");
    const second = paginate(
      remaining,
      { limit: 2, cursor: first.next_cursor ?? "" },
      "oldest-first",
      (x) => x,
    );
    expect(ids(first)).toEqual(["id_0", "id_1"]);
    expect(ids(second)).toEqual(["id_2", "id_3"]);
  });

  it("keeps creation order among items created in the same millisecond, across pages", () => {
    const same = ["z", "a", "m"].map((id) => ({ id, createdAt: 5 }));
    const first = paginate(same, { limit: 2 }, "oldest-first", (x) => x);
    const rest = paginate(
      same,
      { limit: 2, cursor: first.next_cursor ?? "" },
      "oldest-first",
      (x) => x,
    );
    expect([...ids(first), ...ids(rest)]).toEqual(["z", "a", "m"]);
    expect(ids(paginate(same, {}, "newest-first", (x) => x))).toEqual(["m", "a", "z"]);
  });

  it("answers an exact last page with a null next_cursor", () => {
    expect(paginate(items, { limit: 5 }, "oldest-first", (x) => x).next_cursor).toBeNull();
  });

  it("refuses a cursor it did not issue with 400 validation_failed at /query/cursor", () => {
    expect(() => paginate(items, { cursor: "not-a-cursor" }, "oldest-first", (x) => x)).toThrow(
      expect.objectContaining({ status: 400, code: "validation_failed" }),
    );
  });
});
