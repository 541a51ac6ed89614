import type { Client } from "openapi-fetch";
import { errorFromResponse } from "./errors/errorFromResponse.js";
import type { paths } from "./generated/schema.js";

interface PageInit {
  params?: { query?: Record<string, unknown>; [key: string]: unknown };
  [key: string]: unknown;
}
type LooseGet = (
  path: string,
  init: PageInit,
) => Promise<{ data?: { next_cursor?: string | null }; error?: unknown; response: Response }>;

/**
 * Every page of a list operation (`{ data, next_cursor }`), following `next_cursor` until it is
 * null. Throws the typed error of a failed page. Stops if the server repeats a cursor.
 */
export async function* paginate(
  api: Client<paths>,
  path: string,
  init: PageInit = {},
): AsyncGenerator<unknown, void, undefined> {
  const get = api.GET as unknown as LooseGet;
  let cursor = init.params?.query?.cursor;
  for (;;) {
    const query = { ...init.params?.query, cursor };
    const { data, error, response } = await get(path, {
      ...init,
      params: { ...init.params, query },
    });
    if (error !== undefined || !response.ok || !data) throw errorFromResponse(response, error);
    yield data;
    const next = data.next_cursor;
    if (!next || next === cursor) return;
    cursor = next;
  }
}
