// What one request learned on its way through the pipeline: read by the answer's headers, the
// log line and the request journal once the request is decided.
import type { CompiledOperation } from "./compileOperations.js";
import type { Credential } from "./extractCredential.js";
import { Decision } from "./journal/Decision.js";
import type { Principal } from "./types.js";

/** What one request learned on its way through, for the response headers and the log. */
export interface RequestState {
  id: string;
  operation: CompiledOperation | null;
  principal: Principal | null;
  rateHeaders: Record<string, string> | null;
  /** Set once the implementation ran: only then can state have changed. */
  ranHandler: boolean;
  /** The checks run so far; a failing one holds the problem the answer is built from. */
  decision: Decision;
  /** The credential as presented, for the journal to attribute even if refused; never kept. */
  credential: Credential | null;
  /** Set while the query is checked for keys: a refusal there names the key's workspace too. */
  keyInQuery: boolean;
  /** The parsed body, for the journal to attribute a sign-in or refresh to its workspace. */
  body: unknown;
  agent: { agent_id: string; source: "header" | "key" | "implied" } | null;
}

/** The state of a request that has just arrived: nothing learned yet. */
export function createRequestState(
  id: string,
  operation: CompiledOperation | null = null,
): RequestState {
  return {
    id,
    operation,
    principal: null,
    rateHeaders: null,
    ranHandler: false,
    decision: new Decision(),
    credential: null,
    keyInQuery: false,
    body: undefined,
    agent: null,
  };
}
