// `expect(workspace).toHaveReceivedRequest(match)` and `toHaveReceivedRequestTimes(n, match)`:
// assertions on what an app sent, read from the request journal — only the workspace's own
// entries, so tests running at once never see each other's. A failure shows the entries that came
// closest, each with the checks that decided its answer.

import type { RequestEntry } from "../engine/journal/createRequestJournal.js";
import { redactSecrets } from "../engine/redactSecrets.js";
import { formatEntry } from "./formatEntry.js";

/** What a request must have been; every field given must match. */
export interface RequestMatch {
  operationId?: string;
  method?: string;
  /** The path without its query, exactly, or a pattern tested against path and query. */
  path?: string | RegExp;
  status?: number;
  code?: string | null;
  /** The credential kind: `agent_key`, `user_key`, `session`, … */
  credential?: string;
  presentedIn?: "authorization" | "x-api-key" | "api-key" | "query";
  agentId?: string;
}

/** What the matchers need of a workspace: its id and its journal entries. */
export interface JournaledWorkspace {
  workspace: { id: string };
  requests(): Promise<RequestEntry[]>;
}

type Check = (entry: RequestEntry) => boolean;

function checks(match: RequestMatch): Check[] {
  const out: Check[] = [];
  const { operationId, method, path, status, code, credential, presentedIn, agentId } = match;
  if (operationId !== undefined) out.push((e) => e.operation_id === operationId);
  if (method !== undefined) out.push((e) => e.method === method.toUpperCase());
  if (typeof path === "string") out.push((e) => e.path.split("?")[0] === path);
  else if (path instanceof RegExp) out.push((e) => path.test(e.path));
  if (status !== undefined) out.push((e) => e.status === status);
  if (code !== undefined) out.push((e) => e.code === code);
  if (credential !== undefined) out.push((e) => e.credential?.kind === credential);
  if (presentedIn !== undefined) out.push((e) => e.credential?.presented_in === presentedIn);
  if (agentId !== undefined) out.push((e) => e.agent_context?.agent_id === agentId);
  return out;
}

function describeMatch(match: RequestMatch): string {
  const parts = Object.entries(match).map(
    ([name, value]) =>
      `${name}: ${value instanceof RegExp ? String(value) : JSON.stringify(value)}`,
  );
  return redactSecrets(`{ ${parts.join(", ")} }`);
}

/** The entries that matched most of `match`, best first (then newest first). */
function closest(entries: RequestEntry[], tests: Check[], count = 3): RequestEntry[] {
  return entries
    .map((entry, index) => ({ entry, index, score: tests.filter((t) => t(entry)).length }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, count)
    .map(({ entry }) => entry);
}

function listing(title: string, entries: RequestEntry[]): string {
  return entries.length === 0
    ? `\n${title}: none`
    : `\n${title}:\n${entries.map(formatEntry).join("\n")}`;
}

async function read(received: unknown): Promise<JournaledWorkspace> {
  const workspace = received as Partial<JournaledWorkspace> | null;
  if (typeof workspace?.requests !== "function" || typeof workspace.workspace?.id !== "string") {
    throw new TypeError(
      "toHaveReceivedRequest takes the `workspace` fixture of latchkey/vitest (or an object with workspace.id and requests()).",
    );
  }
  return workspace as JournaledWorkspace;
}

export const requestMatchers = {
  async toHaveReceivedRequest(this: { isNot: boolean }, received: unknown, match: RequestMatch) {
    const workspace = await read(received);
    const entries = await workspace.requests();
    const tests = checks(match);
    const matching = entries.filter((entry) => tests.every((t) => t(entry)));
    const id = workspace.workspace.id;
    return {
      pass: matching.length > 0,
      message: () =>
        matching.length > 0
          ? `expected workspace ${id} not to have received a request matching ${describeMatch(match)}, but it received ${matching.length}${listing("matching", matching.slice(0, 3))}`
          : `expected workspace ${id} to have received a request matching ${describeMatch(match)}; of its ${entries.length} requests none did${listing("closest", closest(entries, tests))}`,
    };
  },

  async toHaveReceivedRequestTimes(
    this: { isNot: boolean },
    received: unknown,
    times: number,
    match: RequestMatch = {},
  ) {
    const workspace = await read(received);
    const entries = await workspace.requests();
    const tests = checks(match);
    const matching = entries.filter((entry) => tests.every((t) => t(entry)));
    const id = workspace.workspace.id;
    return {
      pass: matching.length === times,
      message: () =>
        `expected workspace ${id} ${this.isNot ? "not " : ""}to have received ${times} request${times === 1 ? "" : "s"} matching ${describeMatch(match)}; it received ${matching.length}${listing(matching.length > 0 ? "matching" : "closest", matching.length > 0 ? matching.slice(0, 5) : closest(entries, tests))}`,
    };
  },
};

// No type parameters: vitest 4 declares `Matchers<T = any>` and vitest 5
// `Matchers<R extends void | Promise<void> = …, T = unknown>`, and every declaration of an
// interface must repeat its parameters' names, unless it declares none (all have defaults).
// These matchers use neither, so one declaration merges into both majors.
declare module "vitest" {
  interface Matchers {
    /** The workspace's request journal holds a request matching `match`. */
    toHaveReceivedRequest(match: RequestMatch): Promise<void>;
    /** The workspace's request journal holds exactly `times` requests matching `match`. */
    toHaveReceivedRequestTimes(times: number, match?: RequestMatch): Promise<void>;
  }
}
