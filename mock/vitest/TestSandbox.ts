// What the `sandbox` fixture gives a test, the same whether the sandbox runs in-process or as a
// standalone server: a fetch for clients, fixtures, the clock and fault rules.
import type { CreateUserOptions } from "../engine/fixtures.js";
import type { RequestEntry } from "../engine/journal/createRequestJournal.js";
import type { Schemas } from "../engine/types.js";
import type { SandboxFaults } from "../sandboxFaults.js";

export type SandboxWorkspace = Schemas["SandboxWorkspace"];
export type SandboxUser = Schemas["SandboxUser"];

/** The sandbox clock, which drives every expiry; `now()` is synchronous so a client can read it. */
export interface TestClock {
  /** The sandbox's current time. */
  now(): Date;
  /** Moves the clock forward by a duration such as "16m" or "91d"; resolves to the new time. */
  advance(by: string): Promise<Date>;
  /** Puts the clock at a time; resolves to it. */
  set(at: string | Date): Promise<Date>;
}

export interface TestSandbox {
  /** "in-process" (`createSandbox`, no network) or "remote" (`LATCHKEY_SANDBOX_URL`). */
  readonly mode: "in-process" | "remote";
  /** Where the sandbox answers; give it to a client as `baseUrl`. */
  readonly baseUrl: string;
  /** A fetch that reaches this sandbox; give it to a client as `fetch`. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  readonly clock: TestClock;
  /** Fault rules for any workspace of this sandbox (`workspace.faults` is bound to the test's). */
  readonly faults: SandboxFaults;
  /** Like POST /_sandbox/workspaces: another workspace with owner, agents, keys and team. */
  createWorkspace(): Promise<SandboxWorkspace>;
  /** Like POST /_sandbox/workspaces/{id}/users: a user with a role, password and user key. */
  createUser(workspaceId: string, options: CreateUserOptions): Promise<SandboxUser>;
}

/** A fault rule for the test's own workspace: the body of POST /_sandbox/faults without it. */
export type WorkspaceFaultRule = Omit<Schemas["FaultRequest"], "workspace_id">;

/** The test's workspace, as POST /_sandbox/workspaces returns it, with its own fault rules. */
export interface TestWorkspace extends SandboxWorkspace {
  /**
   * This workspace's entries of the request journal, newest first: what the app sent and the
   * checks that decided each answer. `expect(workspace).toHaveReceivedRequest(…)` reads them.
   */
  requests(): Promise<RequestEntry[]>;
  readonly faults: {
    add(rule: WorkspaceFaultRule): Promise<Schemas["Fault"]>;
    list(): Promise<Schemas["Fault"][]>;
    clear(): Promise<number>;
  };
}
