// Strict mode (`--strict`) for the RateLimit-* headers the engine stamps on an answer: they must
// be declared by the spec for that operation and status, as bodies must match their schemas. A
// budget that governs an answer the spec does not announce it on would reach clients undocumented.
import { openapiDocument } from "../../src/generated/openapi.js";
import type { RequestState } from "./createRequestHandler.js";
import type { EngineAnswer } from "./EngineAnswer.js";
import { contractViolation } from "./respond.js";

type Node = Record<string, unknown> | undefined;

const declared = new Map<string, ReadonlySet<string>>();

/** Lower-case names of the headers the spec declares for `status` of the operation at `path`. */
function declaredHeaders(path: string, method: string, status: number): ReadonlySet<string> {
  const key = `${method} ${path} ${status}`;
  let found = declared.get(key);
  if (found) return found;
  const paths = openapiDocument.paths as Record<string, Node>;
  const operation = paths[path]?.[method.toLowerCase()] as Node;
  let response = (operation?.responses as Record<string, Node> | undefined)?.[String(status)];
  const ref = response?.$ref;
  if (typeof ref === "string") {
    const name = ref.slice(ref.lastIndexOf("/") + 1);
    const shared = openapiDocument.components.responses as Record<string, Node>;
    response = shared[name];
  }
  found = new Set(Object.keys((response?.headers ?? {}) as object).map((h) => h.toLowerCase()));
  declared.set(key, found);
  return found;
}

/** The answer, or strict mode's 500 when it would carry a RateLimit-* header not declared. */
export function checkRateHeaders(answer: EngineAnswer, state: RequestState): EngineAnswer {
  const { operation, rateHeaders } = state;
  if (operation === null || rateHeaders === null) return answer;
  const allowed = declaredHeaders(operation.path, operation.method, answer.status);
  const missing = Object.keys(rateHeaders).filter((name) => !allowed.has(name));
  if (missing.length === 0) return answer;
  state.rateHeaders = null;
  // Decided by a `contract` step, so the journal names why the answer became a 500.
  const problem = contractViolation(
    operation,
    answer.status,
    `it carries ${missing.join(", ")}, which the spec does not declare for it`,
  );
  return state.decision.fail("contract", problem).toAnswer(state.id);
}
