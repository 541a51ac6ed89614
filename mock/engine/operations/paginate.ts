// Cursor pagination for every list. A cursor names the last item of the previous page (its id and
// creation time), not an offset, so items created or deleted between two page requests neither
// repeat nor vanish. It is base64url JSON: opaque to clients, not secret. Items created in the
// same millisecond keep their creation (insertion) order.
import { ProblemError } from "../ProblemError.js";

export interface Sortable {
  id: string;
  createdAt: number;
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export type SortOrder = "oldest-first" | "newest-first";

const DEFAULT_LIMIT = 20;

function encodeCursor(item: Sortable): string {
  const json = JSON.stringify({ t: item.createdAt, i: item.id });
  return btoa(json).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function decodeCursor(cursor: string): Sortable {
  try {
    const json = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
    const value: unknown = JSON.parse(json);
    if (
      typeof value === "object" &&
      value !== null &&
      "t" in value &&
      "i" in value &&
      typeof value.t === "number" &&
      typeof value.i === "string"
    ) {
      return { createdAt: value.t, id: value.i };
    }
  } catch {
    // Falls through to the validation error below.
  }
  throw new ProblemError(400, "validation_failed", "The cursor is not one this API returned.", {
    errors: [{ pointer: "/query/cursor", detail: "must be the next_cursor of a previous page" }],
  });
}

function startAfter(sorted: Sortable[], after: Sortable, sign: number): number {
  const index = sorted.findIndex((item) => item.id === after.id);
  if (index >= 0) return index + 1;
  // The cursor's item is gone (deleted): resume at the first item past its creation time.
  return sorted.findIndex((item) => sign * (item.createdAt - after.createdAt) > 0);
}

/** One page of `items` in the given order, mapped to their API shape. */
export function paginate<R extends Sortable, T>(
  items: Iterable<R>,
  query: { limit?: number; cursor?: string } | undefined,
  order: SortOrder,
  toApi: (item: R) => T,
): Page<T> {
  const sign = order === "oldest-first" ? 1 : -1;
  // Array sort is stable: reversing first makes same-millisecond items newest first too.
  const inOrder = order === "oldest-first" ? [...items] : [...items].reverse();
  const sorted = inOrder.sort((a, b) => sign * (a.createdAt - b.createdAt));
  const limit = query?.limit ?? DEFAULT_LIMIT;
  const after = query?.cursor === undefined ? null : decodeCursor(query.cursor);
  const start = after === null ? 0 : startAfter(sorted, after, sign);
  const rest = start === -1 ? [] : sorted.slice(start);
  const page = rest.slice(0, limit);
  const last = page[page.length - 1];
  return {
    data: page.map(toApi),
    next_cursor: rest.length > limit && last !== undefined ? encodeCursor(last) : null,
  };
}
