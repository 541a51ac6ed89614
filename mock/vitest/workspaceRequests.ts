// A workspace's own entries of the request journal, every page, through the sandbox's fetch: the
// engine itself in-process, HTTP against LATCHKEY_SANDBOX_URL. A sandbox whose journal cannot be
// read whole (replicas, or the journal off) answers 409, and the reading fails with its reason.
import type { RequestEntry } from "../engine/journal/createRequestJournal.js";

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** At most this many pages (100 each) are read: the journal's default size, and then some. */
const MAX_PAGES = 200;

export async function workspaceRequests(
  fetch: Fetch,
  baseUrl: string,
  workspaceId: string,
): Promise<RequestEntry[]> {
  const out: RequestEntry[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams({ workspace_id: workspaceId, limit: "100" });
    if (cursor !== null) query.set("cursor", cursor);
    const reply = await fetch(`${baseUrl}/_sandbox/requests?${query}`);
    const body = (await reply.json()) as {
      data?: RequestEntry[];
      next_cursor?: string | null;
      detail?: string;
    };
    if (!reply.ok) {
      throw new Error(
        `latchkey: cannot read the request journal (${reply.status}): ${body.detail ?? "no detail"}`,
      );
    }
    out.push(...(body.data ?? []));
    cursor = body.next_cursor ?? null;
    if (cursor === null) break;
  }
  return out;
}
