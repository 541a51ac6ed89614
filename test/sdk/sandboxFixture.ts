// What the integration tests share: the in-process sandbox, a base URL, and a fetch that records
// every request and answer passing through it.
import { createSandbox, type Sandbox } from "../../mock/index.js";

/** The standalone sandbox's address; with `fetch: sandbox.fetch` nothing listens on it. */
export const BASE_URL = "http://127.0.0.1:4010";

export interface Exchange {
  method: string;
  path: string;
  headers: Headers;
  body: string;
  status: number;
  code: string | undefined;
}

export function newSandbox(options: Parameters<typeof createSandbox>[0] = {}): Sandbox {
  return createSandbox({ strict: true, ...options });
}

/** Wraps `inner` (the sandbox's fetch) and records each exchange, problem code included. */
export function recording(inner: (request: Request) => Promise<Response>) {
  const exchanges: Exchange[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const body = request.body === null ? "" : await request.clone().text();
    const response = await inner(request);
    const problem = response.headers.get("Content-Type")?.includes("problem")
      ? ((await response.clone().json()) as { code?: string })
      : undefined;
    exchanges.push({
      method: request.method,
      path: new URL(request.url).pathname,
      headers: new Headers(request.headers),
      body,
      status: response.status,
      code: problem?.code,
    });
    return response;
  };
  const to = (path: string) => exchanges.filter((e) => e.path === path);
  return { fetch, exchanges, to };
}
