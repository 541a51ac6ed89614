// What the journal keeps of one request, and the entry it shows. Kept flat — one object and the
// decision's trail a request, strings shared with the request — because thousands stay alive
// at once and every object kept is work for the garbage collector on every later request. The
// entry (nested objects, described steps, the time as text) is built only when it is read.
// Nothing kept is a secret: the path is redacted as the log redacts it (when the journal files
// the record) and a credential is described by kind, place and public start; status and code are
// the answer's own.
import type { CredentialKind, Scope } from "../../../src/generated/security.js";
import type { AuthServices } from "../authenticate.js";
import type { CompiledOperation } from "../compileOperations.js";
import type { RequestState } from "../createRequestHandler.js";
import type { EngineAnswer } from "../EngineAnswer.js";
import type { EngineContext } from "../EngineContext.js";
import type { EngineRequest } from "../EngineRequest.js";
import { faultWorkspace } from "../faults/faultWorkspace.js";
import type { Schemas } from "../types.js";
import {
  type Attribution,
  attributePrincipal,
  attributeRefused,
  credentialInHeaders,
  keyInQuery,
  type PresentedIn,
  presentedIn,
} from "./attributeCredential.js";
import { type CheckName, stepsOf } from "./Decision.js";

export type RequestEntry = Schemas["RequestEntry"];

export interface JournalRecord {
  id: string;
  /** Sandbox time, ms. */
  at: number;
  method: string;
  path: string;
  operation: CompiledOperation | null;
  status: number;
  code: RequestEntry["code"];
  durationMs: number;
  workspaceId: string | null;
  kind: CredentialKind | null;
  presentedIn: PresentedIn | null;
  start: string | null;
  principalKind: CredentialKind | null;
  principalId: string | null;
  userId: string | null;
  principalAgentId: string | null;
  teamId: string | null;
  held: readonly Scope[];
  required: readonly Scope[];
  agent: RequestState["agent"];
  trail: readonly (string | null)[];
  /** Kept for the pass details described on read. */
  scheme: string | null;
}

/**
 * A record as captured when its answer is given: its path and query still as the request sent
 * them. The journal redacts them into `path` before it keeps the record (`fileRecords`).
 */
export interface CapturedRecord extends JournalRecord {
  query: string;
}

const NONE: readonly Scope[] = Object.freeze([]);

const place: Record<string, string> = {
  bearerAuth: "Authorization",
  apiKeyHeader: "X-API-Key",
  apiKeyAltHeader: "Api-Key",
  downloadToken: "the token query parameter",
  streamToken: "the token query parameter",
};

function refusedCredential(
  request: EngineRequest,
  state: RequestState,
  services: AuthServices,
): { attribution: Attribution; presented: PresentedIn; scheme: string | null } | null {
  if (state.credential !== null || state.operation === null) {
    const presented = state.credential ?? credentialInHeaders(request.headers);
    if (presented === null) return null;
    const attribution = attributeRefused(presented.value, services);
    return { attribution, presented: presentedIn(presented.scheme), scheme: presented.scheme };
  }
  if (state.keyInQuery && request.query !== "") {
    const value = keyInQuery(request.query);
    if (value !== null) {
      return { attribution: attributeRefused(value, services), presented: "query", scheme: null };
    }
  }
  return null;
}

export function captureRecord(
  request: EngineRequest,
  state: RequestState,
  answer: EngineAnswer,
  durationMs: number,
  ctx: EngineContext,
  services: AuthServices,
): CapturedRecord {
  const { principal, operation } = state;
  let attribution: Attribution | null = null;
  let presented: PresentedIn | null = null;
  let scheme: string | null = null;
  if (principal !== null) {
    attribution = attributePrincipal(principal, services.store);
    scheme = principal.scheme;
    presented = presentedIn(scheme);
  } else {
    const refused = refusedCredential(request, state, services);
    if (refused !== null) ({ attribution, presented, scheme } = refused);
  }
  let workspaceId = attribution?.workspaceId ?? null;
  if (workspaceId === null && operation !== null && state.body !== undefined) {
    // A sign-in or refresh belongs to its user's workspace, like a fault rule's match.
    workspaceId = faultWorkspace(ctx, operation.operationId, null, state.body)?.workspaceId ?? null;
  }
  const required =
    operation === null || scheme === null
      ? NONE
      : (operation.security.schemes[scheme as keyof typeof operation.security.schemes] ?? NONE);
  return {
    id: state.id,
    at: ctx.clock.now(),
    method: request.method,
    path: request.path,
    query: request.query,
    operation,
    status: answer.status,
    code: state.decision.problem?.code ?? null,
    durationMs,
    workspaceId,
    kind: attribution?.kind ?? null,
    presentedIn: presented,
    start: attribution?.start ?? null,
    principalKind: principal?.kind ?? null,
    principalId: principal?.id ?? null,
    userId: principal?.userId ?? null,
    principalAgentId: principal?.agentId ?? null,
    teamId: principal?.teamId ?? null,
    held: principal?.scopes ?? NONE,
    required,
    agent: state.agent,
    trail: state.decision.trail,
    scheme,
  };
}

/** The detail of a passing step recorded without one, from what the request recorded. */
function describePass(record: JournalRecord, check: CheckName): string {
  const { operation } = record;
  switch (check) {
    case "route":
      return `${record.method} ${operation?.path} is ${operation?.operationId}`;
    case "credential":
      return `one credential, in ${place[record.scheme ?? ""] ?? "the request"}`;
    case "authenticate":
      return `${record.principalKind} ${record.principalId} of ${record.workspaceId}`;
    case "agent_context":
      return record.agent === null ? "acts as no agent" : `acts as ${record.agent.agent_id}`;
    case "handler":
      return `${operation?.operationId} answered ${record.status}`;
    default:
      return "passed";
  }
}

export function toEntry(record: JournalRecord): RequestEntry {
  const { held, required } = record;
  return {
    id: record.id,
    at: new Date(record.at).toISOString(),
    method: record.method,
    path: record.path,
    operation_id: record.operation?.operationId ?? null,
    status: record.status,
    code: record.code,
    duration_ms: Math.round(record.durationMs * 1000) / 1000,
    workspace_id: record.workspaceId,
    credential:
      record.presentedIn === null
        ? null
        : { kind: record.kind, presented_in: record.presentedIn, start: record.start },
    principal:
      record.principalKind === null
        ? null
        : {
            kind: record.principalKind,
            id: record.principalId ?? "",
            user_id: record.userId,
            agent_id: record.principalAgentId,
            team_id: record.teamId,
          },
    agent_context: record.agent === null ? null : { ...record.agent },
    scopes: {
      held: [...held],
      required: [...required],
      missing: required.filter((scope) => !held.includes(scope)),
    },
    decision: stepsOf(record.trail, (check) => describePass(record, check)),
  };
}
