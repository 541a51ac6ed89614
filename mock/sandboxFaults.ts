// Fault rules as calls: the same requests as `/_sandbox/faults`, sent through any fetch — the
// in-process sandbox's own (no network) or a standalone server's — so both validate rules alike.
import type { Schemas } from "./engine/types.js";

export type FaultRule = Schemas["FaultRequest"];
export type Fault = Schemas["Fault"];

export interface SandboxFaults {
  /** Adds a rule; it is in force from the next request. */
  add(rule: FaultRule): Promise<Fault>;
  /** The rules, with how often each fired; one workspace's when given. */
  list(workspaceId?: string): Promise<Fault[]>;
  /** Removes one workspace's rules, or every rule; answers how many went. */
  clear(workspaceId?: string): Promise<number>;
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

async function read<T>(response: Response, what: string): Promise<T> {
  const body = (await response.json()) as T & { detail?: string };
  if (!response.ok) throw new Error(`${what} failed with ${response.status}: ${body.detail}`);
  return body;
}

export function createSandboxFaults(fetch: Fetch, baseUrl: string): SandboxFaults {
  const url = (workspaceId?: string) =>
    `${baseUrl}/_sandbox/faults${workspaceId === undefined ? "" : `?workspace_id=${encodeURIComponent(workspaceId)}`}`;
  return {
    add: async (rule) =>
      read<Fault>(
        await fetch(url(), {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(rule),
        }),
        "POST /_sandbox/faults",
      ),
    list: async (workspaceId) =>
      (await read<{ data: Fault[] }>(await fetch(url(workspaceId)), "GET /_sandbox/faults")).data,
    clear: async (workspaceId) =>
      (
        await read<{ cleared: number }>(
          await fetch(url(workspaceId), { method: "DELETE" }),
          "DELETE /_sandbox/faults",
        )
      ).cleared,
  };
}
