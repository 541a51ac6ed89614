// A browser page whose API calls are answered by the sandbox running in the page, through MSW's
// service worker (`setupWorker`): a front end developed or tested with no server at all.
// Bundle it with index.html beside it; `test/examples/browserExample.test.ts` does, and opens
// the page in Chromium.
import { createClient, unwrap } from "latchkey";
import { createSandbox } from "latchkey/mock";
import { http } from "msw";
import { setupWorker } from "msw/browser";

const sandbox = createSandbox();
const worker = setupWorker(...sandbox.handlers(http));

async function main(): Promise<void> {
  await worker.start({ serviceWorker: { url: "/mockServiceWorker.js" }, quiet: true });
  const { owner } = await sandbox.createWorkspace();
  // The page's own fetch goes to the sandbox's base URL; the service worker answers it.
  const client = createClient({ baseUrl: sandbox.baseUrl, credentials: owner.user_key.secret });
  const agents = await unwrap(client.GET("/v1/agents"));
  const list = document.getElementById("agents");
  for (const agent of agents.data) {
    const item = document.createElement("li");
    item.textContent = `${agent.name} (${agent.slug})`;
    list?.append(item);
  }
  setStatus(`${agents.data.length} agents`);
}

function setStatus(text: string): void {
  const status = document.getElementById("status");
  if (status) status.textContent = text;
}

main().catch((error: unknown) => setStatus(`Failed: ${String(error)}`));
