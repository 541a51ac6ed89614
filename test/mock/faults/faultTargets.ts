// The two ways a test reaches the sandbox — in-process through `sandbox.fetch`, and over HTTP to
// a `createSandboxServer` on 127.0.0.1 port 0 — behind one interface, so every fault test runs
// against both.
import { createSandbox, type SandboxFaults } from "../../../mock/index.js";
import { createSandboxFaults } from "../../../mock/sandboxFaults.js";
import { createSandboxServer } from "../../../mock/server/createSandboxServer.js";
import type { components } from "../../../src/generated/schema.js";

export type SandboxWorkspace = components["schemas"]["SandboxWorkspace"];

export interface FaultTarget {
  /** Sends a request to a path of the sandbox. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  faults: SandboxFaults;
  workspace(): Promise<SandboxWorkspace>;
  close(): Promise<void>;
}

async function workspaceVia(target: Pick<FaultTarget, "fetch">): Promise<SandboxWorkspace> {
  const reply = await target.fetch("/_sandbox/workspaces", { method: "POST" });
  return (await reply.json()) as SandboxWorkspace;
}

export function inProcessTarget(): FaultTarget {
  const sandbox = createSandbox({ strict: true });
  const target = {
    fetch: (path: string, init?: RequestInit) => sandbox.fetch(path, init),
    faults: sandbox.faults,
    workspace: () => workspaceVia(target),
    close: async () => undefined,
  };
  return target;
}

export async function httpTarget(): Promise<FaultTarget> {
  const server = createSandboxServer({ strict: true });
  const url = await server.listen(0, "127.0.0.1");
  const target = {
    fetch: (path: string, init?: RequestInit) => fetch(`${url}${path}`, init),
    faults: createSandboxFaults(fetch, url),
    workspace: () => workspaceVia(target),
    close: () => server.close({ timeoutMs: 1_000 }),
  };
  return target;
}

export const targets = [
  ["in-process", async () => inProcessTarget()],
  ["over HTTP", httpTarget],
] as const;
