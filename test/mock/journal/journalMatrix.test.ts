// The journal against the answers, over the whole verify matrix (operation × credential kind ×
// header × tenant × broken state), run in-process: for every answer a client got, its entry's
// status and code are the answer's, the deciding step is the chain's last and is a check that
// can give that code, and scopes.missing is the problem's required_scopes minus what the
// credential holds (read from the store, not from the entry).
import { beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../../mock/createSandbox.js";
import type { RequestEntry } from "../../../mock/engine/journal/createRequestJournal.js";
import { roles, type Scope } from "../../../src/generated/security.js";
import { verify } from "../../../verify/index.js";

/** The checks that may decide each code (the pipeline's order, docs/decisions/request-pipeline.md). */
const DECIDERS: Record<string, readonly string[]> = {
  not_found: ["route", "handler"],
  method_not_allowed: ["route"],
  credentials_missing: ["credential"],
  token_malformed: ["authenticate"],
  token_unknown: ["authenticate"],
  token_revoked: ["authenticate"],
  token_expired: ["authenticate"],
  live_key_in_sandbox: ["authenticate"],
  invalid_request: ["credential_location", "headers", "credential", "validation", "handler"],
  credential_kind_not_allowed: ["credential_kind", "authenticate"],
  insufficient_scope: ["scope"],
  workspace_mismatch: ["workspace"],
  resource_mismatch: ["resource"],
  // Invoke by slug finds its agent in the implementation, which then checks the agent key's.
  agent_mismatch: ["agent_context", "handler"],
  agent_forbidden: ["agent_context"],
  agent_context_required: ["agent_context"],
  validation_failed: ["body", "validation", "handler"],
  payload_too_large: ["body"],
  unsupported_media_type: ["body"],
};

interface Seen {
  requestId: string;
  status: number;
  code: string | null;
  requiredScopes: string[] | undefined;
}

describe("the journal agrees with every answer of the verify matrix", () => {
  let sandbox: Sandbox;
  const seen: Seen[] = [];
  let cells = 0;

  beforeAll(async () => {
    sandbox = createSandbox({ baseUrl: "http://sandbox.test", journal: 200_000 });
    const recording: typeof fetch = async (input, init) => {
      const response = await sandbox.fetch(input as RequestInfo, init);
      const type = response.headers.get("content-type") ?? "";
      const requestId = response.headers.get("x-request-id");
      if (requestId !== null && !type.startsWith("text/event-stream")) {
        const body = type.includes("json") ? await response.clone().json() : null;
        seen.push({
          requestId,
          status: response.status,
          code: response.status >= 400 ? (body?.code ?? null) : null,
          requiredScopes: body?.required_scopes,
        });
      }
      return response;
    };
    const report = await verify({ baseUrl: sandbox.baseUrl, fetch: recording, concurrency: 4 });
    cells = report.cells;
  }, 300_000);

  it("covers the matrix", () => {
    expect(cells).toBeGreaterThan(3000);
    expect(seen.length).toBeGreaterThan(cells);
  });

  it("journals every answer with the status and code the client got", () => {
    const wrong: string[] = [];
    for (const answer of seen) {
      const entry = sandbox.requests.get(answer.requestId);
      if (entry === undefined) {
        // Reads of the journal itself are the only answers not journaled; verify makes none.
        wrong.push(`${answer.requestId}: not journaled`);
      } else if (entry.status !== answer.status || entry.code !== answer.code) {
        wrong.push(
          `${entry.method} ${entry.path}: ${entry.status} ${entry.code} ≠ ${answer.status} ${answer.code}`,
        );
      }
    }
    expect(wrong).toEqual([]);
  });

  it("ends every chain at the step that decided: a failing check that can give the code", () => {
    const wrong: string[] = [];
    for (const answer of seen) {
      const entry = sandbox.requests.get(answer.requestId) as RequestEntry;
      const last = entry.decision[entry.decision.length - 1];
      const failures = entry.decision.filter((step) => step.outcome === "fail");
      const where = `${entry.method} ${entry.path} ${entry.status} ${entry.code}`;
      if (answer.status >= 400) {
        if (last?.outcome !== "fail" || failures.length !== 1)
          wrong.push(`${where}: ends ${last?.check} ${last?.outcome}`);
        const allowed = entry.code === null ? undefined : DECIDERS[entry.code];
        if (allowed && !allowed.includes(last?.check ?? ""))
          wrong.push(`${where}: decided by ${last?.check}`);
      } else if (failures.length !== 0 || last?.outcome !== "pass") {
        wrong.push(`${where}: a success whose chain ends ${last?.check} ${last?.outcome}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("gives scopes.missing as the problem's required_scopes minus what the credential holds", () => {
    const store = sandbox.engine.context.store;
    const heldByStore = (entry: RequestEntry): readonly Scope[] => {
      const principal = entry.principal;
      if (principal === null) return [];
      if (principal.kind === "session") {
        const user = store.users.get(principal.user_id ?? "");
        return user ? roles[user.role] : [];
      }
      if (principal.kind === "agent_key") return ["agents:invoke"];
      if (principal.kind === "download_token") return ["downloads:read"];
      if (principal.kind === "stream_token") return ["jobs:read"];
      const key = store.keys.get(principal.id);
      if (!key) return [];
      if (key.kind === "team_key") return [];
      const user = key.userId === null ? undefined : store.users.get(key.userId);
      return user
        ? key.scopes.filter((s) => (roles[user.role] as readonly Scope[]).includes(s))
        : key.scopes;
    };
    let scoped = 0;
    const wrong: string[] = [];
    for (const answer of seen) {
      if (answer.code !== "insufficient_scope") continue;
      scoped++;
      const entry = sandbox.requests.get(answer.requestId) as RequestEntry;
      const held = heldByStore(entry);
      const expected = (answer.requiredScopes ?? []).filter((s) => !held.includes(s as Scope));
      if (
        JSON.stringify(entry.scopes.missing) !== JSON.stringify(expected) ||
        expected.length === 0
      ) {
        wrong.push(`${entry.method} ${entry.path}: missing ${entry.scopes.missing} ≠ ${expected}`);
      }
    }
    expect(scoped).toBeGreaterThan(50);
    expect(wrong).toEqual([]);
  });

  it("names the workspace of every credential the store knows, refused or not", () => {
    const unattributed = seen
      .map((answer) => sandbox.requests.get(answer.requestId) as RequestEntry)
      .filter(
        (entry) =>
          entry.credential !== null &&
          entry.credential.start !== null &&
          entry.workspace_id === null,
      );
    expect(unattributed.map((e) => `${e.method} ${e.path} ${e.code}`)).toEqual([]);
  });
});
