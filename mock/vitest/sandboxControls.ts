// The `/_sandbox` controls as calls through a fetch: one implementation for an in-process
// sandbox (its own fetch, no network) and a standalone server (HTTP).
import type { CreateUserOptions } from "../engine/fixtures.js";
import type { SandboxUser, SandboxWorkspace } from "./TestSandbox.js";

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

async function send<T>(fetch: Fetch, url: string, method: string, body?: unknown): Promise<T> {
  const reply = await fetch(url, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const parsed = (await reply.json()) as T & { detail?: string };
  if (!reply.ok) {
    const path = new URL(url).pathname;
    throw new Error(`${method} ${path} failed with ${reply.status}: ${parsed.detail}`);
  }
  return parsed;
}

export function sandboxControls(fetch: Fetch, baseUrl: string) {
  return {
    createWorkspace: () =>
      send<SandboxWorkspace>(fetch, `${baseUrl}/_sandbox/workspaces`, "POST", {
        name: "vitest workspace",
      }),
    createUser: (workspaceId: string, options: CreateUserOptions) =>
      send<SandboxUser>(fetch, `${baseUrl}/_sandbox/workspaces/${workspaceId}/users`, "POST", {
        role: options.role,
        email: options.email,
        team_member: options.teamMember,
      }),
    clock: (change?: { advance: string } | { set: string }) =>
      send<{ now: string; offset_ms: number }>(
        fetch,
        `${baseUrl}/_sandbox/clock`,
        change === undefined ? "GET" : "POST",
        change,
      ),
  };
}
