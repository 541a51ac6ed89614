// One journal entry from what a request learned on its way through (RequestState) and its answer.
// Status and code come from the answer the decision built; nothing here is a secret: the path is
// redacted as the log redacts it and the credential is described by kind, place and public start.
import type { Scope } from "../../../src/generated/security.js";
import type { AuthServices } from "../authenticate.js";
import type { RequestState } from "../createRequestHandler.js";
import type { EngineAnswer } from "../EngineAnswer.js";
import type { EngineContext } from "../EngineContext.js";
import type { EngineRequest } from "../EngineRequest.js";
import { faultWorkspace } from "../faults/faultWorkspace.js";
import {
  type Attribution,
  attributePrincipal,
  attributeRefused,
  credentialInHeaders,
  keyInQuery,
  presentedIn,
} from "./attributeCredential.js";
import type { RequestEntry } from "./createRequestJournal.js";

const NONE: readonly Scope[] = [];

function missing(required: readonly Scope[], held: readonly Scope[]): Scope[] {
  if (required.length === 0) return [];
  return required.filter((scope) => !held.includes(scope));
}

export function journalEntry(
  request: EngineRequest,
  state: RequestState,
  answer: EngineAnswer,
  path: string,
  durationMs: number,
  ctx: EngineContext,
  services: AuthServices,
): RequestEntry {
  const { principal, operation, decision } = state;
  let credential: RequestEntry["credential"] = null;
  let attribution: Attribution | null = null;
  if (principal !== null) {
    attribution = attributePrincipal(principal, services.store);
    credential = {
      kind: principal.kind,
      presented_in: presentedIn(principal.scheme),
      start: attribution.start,
    };
  } else if (state.credential !== null || operation === null) {
    const presented = state.credential ?? credentialInHeaders(request.headers);
    if (presented !== null) {
      attribution = attributeRefused(presented.value, services);
      credential = {
        kind: attribution.kind,
        presented_in: presentedIn(presented.scheme),
        start: attribution.start,
      };
    }
  } else if (state.keyInQuery && request.query !== "") {
    const value = keyInQuery(request.query);
    if (value !== null) {
      attribution = attributeRefused(value, services);
      credential = { kind: attribution.kind, presented_in: "query", start: attribution.start };
    }
  }
  let workspaceId = attribution?.workspaceId ?? null;
  if (workspaceId === null && operation !== null && state.body !== undefined) {
    // A sign-in or refresh belongs to its user's workspace, like a fault rule's match.
    workspaceId = faultWorkspace(ctx, operation.operationId, null, state.body)?.workspaceId ?? null;
  }
  const held = principal?.scopes ?? NONE;
  const scheme = principal?.scheme ?? state.credential?.scheme;
  const required =
    operation === null || scheme === undefined
      ? NONE
      : (operation.security.schemes[scheme] ?? NONE);
  return {
    id: state.id,
    at: new Date(ctx.clock.now()).toISOString(),
    method: request.method,
    path,
    operation_id: operation?.operationId ?? null,
    status: answer.status,
    code: decision.problem?.code ?? null,
    duration_ms: Math.round(durationMs * 1000) / 1000,
    workspace_id: workspaceId,
    credential,
    principal:
      principal === null
        ? null
        : {
            kind: principal.kind,
            id: principal.id,
            user_id: principal.userId,
            agent_id: principal.agentId,
            team_id: principal.teamId,
          },
    agent_context: state.agent,
    scopes: { held: held.slice(), required: required.slice(), missing: missing(required, held) },
    decision: decision.steps,
  };
}
