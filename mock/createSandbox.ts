// The in-process sandbox: the engine as a `fetch` function (hand it to a client, nothing global),
// as MSW handlers (setupServer in Node, setupWorker in a browser), and the controls a test needs
// (clock, reset, fixtures) without going through HTTP.
import { createEngine, type Engine } from "./engine/createEngine.js";
import type { SandboxOptions } from "./engine/EngineContext.js";
import {
  type CreateUserOptions,
  type CreateWorkspaceOptions,
  createUser,
  createWorkspace,
  type IssueKeyOptions,
  issueKey,
} from "./engine/fixtures.js";
import type { RequestEntry, RequestFilter } from "./engine/journal/createRequestJournal.js";
import type { Page } from "./engine/operations/paginate.js";
import { readableJournal } from "./engine/operations/requestOperations.js";
import { parseDuration } from "./engine/parseDuration.js";
import type { Schemas, Snapshot } from "./engine/types.js";
import { fromWebRequest, toWebResponse } from "./engine/webAdapter.js";
import { createSandboxFaults, type SandboxFaults } from "./sandboxFaults.js";

export const DEFAULT_BASE_URL = "http://sandbox.localhost";

export interface CreateSandboxOptions extends SandboxOptions {
  /** Where the sandbox lives for MSW and relative URLs; default "http://sandbox.localhost". */
  baseUrl?: string;
}

/**
 * The one part of MSW the sandbox needs: `http.all`. Passing MSW's `http` in (rather than the
 * sandbox importing "msw") keeps MSW an optional peer — `latchkey/mock` loads without it — and
 * guarantees the handlers come from the same MSW copy as the caller's setupServer/setupWorker.
 */
export interface MswHttp<Handler> {
  all(path: string, resolver: (info: { request: Request }) => Promise<Response>): Handler;
}

export interface SandboxClock {
  /** The sandbox's current time. */
  now(): Date;
  /** Moves the clock forward by a duration such as "91d", or by seconds. */
  advance(by: string | number): void;
  /** Puts the clock at a time (RFC 3339 string or Date). */
  set(at: string | Date): void;
}

export interface Sandbox {
  /** The engine as a fetch function: give it to a client as its `fetch`. Any origin is accepted. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** MSW handlers answering every request under `baseUrl`; other origins pass through. */
  handlers<Handler>(http: MswHttp<Handler>): Handler[];
  /** The base URL the handlers answer on. */
  readonly baseUrl: string;
  /** The engine itself, for adapters (the node:http server) and advanced tests. */
  readonly engine: Engine;
  /** The clock that drives every expiry. */
  readonly clock: SandboxClock;
  /** Forgets every workspace, key, session and job, and puts the clock back to real time. */
  reset(): void;
  /** Like POST /_sandbox/workspaces: a workspace with owner, owner key, two agents and a team. */
  createWorkspace(options?: CreateWorkspaceOptions): Promise<Schemas["SandboxWorkspace"]>;
  /** Like POST /_sandbox/workspaces/{id}/users: a user with a role, password and user key. */
  createUser(workspaceId: string, options: CreateUserOptions): Promise<Schemas["SandboxUser"]>;
  /** Issues a key of any kind directly (default scopes per kind); the secret is in this answer only. */
  issueKey(options: IssueKeyOptions): Promise<Schemas["KeyWithSecret"]>;
  /** The whole state, as a state file would hold it (digests only, never a secret). */
  snapshot(): Snapshot;
  /** Fault rules, as `/_sandbox/faults`: make one workspace's requests fail on cue. */
  readonly faults: SandboxFaults;
  /**
   * The request journal, as `/_sandbox/requests`: what each request sent and the checks that
   * decided its answer. Throws the same problem as the HTTP control when the journal is off.
   */
  readonly requests: {
    list(filter?: RequestFilter): Page<RequestEntry>;
    get(requestId: string): RequestEntry | undefined;
  };
}

export function createSandbox(options: CreateSandboxOptions = {}): Sandbox {
  const { baseUrl: base = DEFAULT_BASE_URL, ...engineOptions } = options;
  const baseUrl = base.replace(/\/+$/, "");
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, "");
  const engine = createEngine(engineOptions);
  const ctx = engine.context;

  // The engine routes on /v1/…; a base URL with a path prefix (http://host/api) is stripped.
  const handle = async (request: Request): Promise<Response> =>
    toWebResponse(await engine.answer(await fromWebRequest(request, basePath)), request.method);

  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const target =
      typeof input === "string" && input.startsWith("/") ? `${baseUrl}${input}` : input;
    const request =
      target instanceof Request && init === undefined ? target : new Request(target, init);
    return handle(request);
  };

  // After a control changes state, persist it like a request would (for `onPersist` users).
  const changed = async <T>(change: () => T): Promise<T> => {
    await engine.ready;
    const result = change();
    await ctx.persist();
    return result;
  };

  return {
    fetch: fetchFn,
    handlers: (http) => [
      http.all(`${baseUrl}/*`, async ({ request }) => {
        const answer = await engine.answer(await fromWebRequest(request, basePath));
        // A dropped connection (a fault): MSW fails the intercepted fetch on a network error.
        return answer.drop ? Response.error() : toWebResponse(answer, request.method);
      }),
    ],
    baseUrl,
    engine,
    clock: {
      now: () => new Date(ctx.clock.now()),
      advance: (by) => ctx.clock.advance(parseDuration(by)),
      set: (at) => {
        const ms = typeof at === "string" ? Date.parse(at) : at.getTime();
        if (Number.isNaN(ms)) throw new TypeError(`clock.set: ${String(at)} is not a time`);
        ctx.clock.set(ms);
      },
    },
    reset: () => engine.reset(),
    createWorkspace: (opts) => changed(() => createWorkspace(ctx, opts)),
    createUser: (workspaceId, opts) => changed(() => createUser(ctx, workspaceId, opts)),
    issueKey: (opts) => changed(() => issueKey(ctx, opts)),
    snapshot: () => engine.snapshot(),
    faults: createSandboxFaults(fetchFn, baseUrl),
    requests: {
      list: (filter) => readableJournal(ctx).list(filter),
      get: (requestId) => readableJournal(ctx).get(requestId),
    },
  };
}
