// An app that lists its workspace's agents with an API key (a user, workspace or team key).
// Against the sandbox: `npm start`, then, with the key its banner prints:
//   LATCHKEY_API_KEY=lk_usr_test_… npx tsx examples/api-key-app.ts
// `test/examples/apps.test.ts` runs `listAgentNames` against the in-process sandbox.
import { pathToFileURL } from "node:url";
import { createClient, isApiError } from "latchkey";

export interface ApiKeyAppOptions {
  baseUrl: string;
  apiKey: string;
  /** The fetch to use; the global one by default. Tests pass `sandbox.fetch`. */
  fetch?: (request: Request) => Promise<Response>;
}

/** Every agent's name, page by page. */
export async function listAgentNames(options: ApiKeyAppOptions): Promise<string[]> {
  const client = createClient({
    baseUrl: options.baseUrl,
    credentials: options.apiKey, // sent as Authorization: Bearer; authHeader: "X-API-Key" for that header
    ...(options.fetch && { fetch: options.fetch }),
  });
  const names: string[] = [];
  // `for await` walks the items of every page, fetching the next page when one runs out.
  for await (const agent of client.agents.list({ limit: 50 })) names.push(agent.name);
  return names;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const apiKey = process.env.LATCHKEY_API_KEY;
  if (!apiKey) {
    console.error("Set LATCHKEY_API_KEY to a key, such as the one `npm start` prints.");
    process.exit(2);
  }
  const baseUrl = process.env.LATCHKEY_BASE_URL ?? "http://127.0.0.1:4010";
  listAgentNames({ baseUrl, apiKey }).then(
    (names) => console.log(names.join("\n")),
    (error: unknown) => {
      console.error(isApiError(error) ? `${error.status} ${error.code}: ${error.message}` : error);
      process.exit(1);
    },
  );
}
