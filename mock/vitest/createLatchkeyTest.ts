// `test.extend` fixtures for apps that use latchkey: a test names what it needs — `sandbox`,
// `workspace`, `client`, `clock` — and gets its own.
import { test as base, expect } from "vitest";
import type { ClientOptions } from "../../src/ClientOptions.js";
import { createClient } from "../../src/createClient.js";
import { type CreateSandboxOptions, createSandbox } from "../createSandbox.js";
import type { RequestEntry } from "../engine/journal/createRequestJournal.js";
import { formatEntry } from "./formatEntry.js";
import { inProcessSandbox } from "./inProcessSandbox.js";
import { remoteSandbox } from "./remoteSandbox.js";
import { requestMatchers } from "./requestMatchers.js";
import { createSandboxPool, type SandboxPool } from "./sandboxPool.js";
import type { TestSandbox, TestWorkspace } from "./TestSandbox.js";
import { workspaceRequests } from "./workspaceRequests.js";

// The request assertions, on every `expect` of a file that imports the kit.
expect.extend(requestMatchers);

export interface LatchkeyTestOptions {
  /**
   * In-process only. `"workspace"` (default, faster): each worker keeps its sandboxes and lends
   * one to each running test, reset when the test ends, so a test still has its sandbox to itself
   * (clock included) but skips creating an engine. `"sandbox"`: a new `createSandbox()` per test.
   */
  isolation?: "workspace" | "sandbox";
  /** Options of the in-process sandboxes; `strict` is on unless set to false. */
  sandbox?: CreateSandboxOptions;
  /**
   * A standalone sandbox to provision over HTTP instead, one workspace per test; default the
   * `LATCHKEY_SANDBOX_URL` environment variable. Empty or unset: in-process.
   */
  url?: string;
  /** Extra options of the `client` fixture (maxRetries, timeout, throwOnError, …). */
  client?: Partial<Omit<ClientOptions, "baseUrl" | "fetch" | "credentials" | "now">>;
}

export interface LatchkeyFixtures {
  /** This test's sandbox (see `LatchkeyTestOptions.isolation`, and `TestSandbox.mode`). */
  sandbox: TestSandbox;
  /** A fresh workspace: owner (email, password, user key), two agents with keys, a team. */
  workspace: TestWorkspace;
  /** A latchkey client signed in as the workspace's owner, its clock tied to the sandbox's. */
  client: ReturnType<typeof createClient>;
  /** The sandbox clock: `now()`, `advance("16m")`, `set(…)`. */
  clock: TestSandbox["clock"];
}

/** The decision chains of a failed test's refused requests, on stderr beside its failure. */
async function printRefused(requests: () => Promise<RequestEntry[]>, id: string): Promise<void> {
  const refused = await requests().then(
    (entries) => entries.filter((entry) => entry.status >= 400),
    () => [],
  );
  if (refused.length === 0) return;
  const shown = refused.slice(0, 10).map(formatEntry).join("\n");
  const count = `${refused.length} request${refused.length === 1 ? " was" : "s were"}`;
  console.error(
    `latchkey: ${count} refused in workspace ${id} during this test (newest first):\n${shown}`,
  );
}

function envUrl(): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env;
  return env?.LATCHKEY_SANDBOX_URL || undefined;
}

export function createLatchkeyTest(options: LatchkeyTestOptions = {}) {
  const sandboxOptions = { strict: true, ...options.sandbox };
  return base
    .extend("latchkeyPool", { scope: "worker" }, (): SandboxPool | null =>
      (options.url ?? envUrl()) || options.isolation === "sandbox"
        ? null
        : createSandboxPool(sandboxOptions),
    )
    .extend("sandbox", async ({ latchkeyPool }, { onCleanup }): Promise<TestSandbox> => {
      const url = options.url ?? envUrl();
      if (url) {
        const remote = await remoteSandbox(url);
        onCleanup(() => remote.restoreClock());
        return remote;
      }
      if (latchkeyPool === null) return inProcessSandbox(createSandbox(sandboxOptions));
      const lent = latchkeyPool.take();
      onCleanup(() => latchkeyPool.give(lent));
      return inProcessSandbox(lent);
    })
    .extend("workspace", async ({ sandbox, task }, { onCleanup }): Promise<TestWorkspace> => {
      const created = await sandbox.createWorkspace();
      const id = created.workspace.id;
      const requests = () => workspaceRequests(sandbox.fetch, sandbox.baseUrl, id);
      // A failed test shows why its workspace's refused requests were refused. Read at cleanup,
      // where the test's result is known and a pooled sandbox is not reset yet (onTestFailed
      // runs after every cleanup, when the journal is already empty). On a shared server the
      // workspace stays, but its rules must not outlive the test.
      onCleanup(async () => {
        if (task.result?.state === "fail") await printRefused(requests, id);
        if (sandbox.mode === "remote") await sandbox.faults.clear(id);
      });
      return {
        ...created,
        requests,
        faults: {
          add: (rule) => sandbox.faults.add({ ...rule, workspace_id: id }),
          list: () => sandbox.faults.list(id),
          clear: () => sandbox.faults.clear(id),
        },
      };
    })
    .extend("clock", ({ sandbox }) => sandbox.clock)
    .extend("client", ({ sandbox, workspace }) =>
      createClient({
        ...options.client,
        baseUrl: sandbox.baseUrl,
        fetch: (request) => sandbox.fetch(request),
        credentials: { email: workspace.owner.user.email, password: workspace.owner.password },
        // The SDK judges session expiry by the sandbox's clock, so clock.advance() is seen.
        now: () => sandbox.clock.now().getTime(),
      }),
    );
}
