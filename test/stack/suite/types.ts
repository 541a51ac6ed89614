// Type-checked only (strict tsc with skipLibCheck: false over this file and the suite): the SDK,
// the mock and the kit from the installed package's declarations.
import { createClient, isApiError, type SessionTokens, unwrap } from "latchkey";
import { createSandbox } from "latchkey/mock";
import { createLatchkeyTest, type TestWorkspace } from "latchkey/vitest";

export async function agentNames(): Promise<string[]> {
  const sandbox = createSandbox({ seed: 1 });
  const { owner } = await sandbox.createWorkspace();
  const client = createClient({
    baseUrl: sandbox.baseUrl,
    fetch: sandbox.fetch,
    credentials: owner.user_key.secret,
  });
  const page = await unwrap(client.GET("/v1/agents", { params: { query: { limit: 5 } } }));
  // @ts-expect-error: the path is not in the spec, so the typed client refuses it
  await client.GET("/v1/nowhere").catch((error: unknown) => isApiError(error));
  return page.data.map((agent) => agent.name);
}

export const tokens = (pair: SessionTokens): string => pair.accessToken;

export const kitTest = createLatchkeyTest({ isolation: "sandbox" });
export const faultFor = (workspace: TestWorkspace) =>
  workspace.faults.add({ match: { operation_id: "listAgents" }, action: { type: "drop" } });
