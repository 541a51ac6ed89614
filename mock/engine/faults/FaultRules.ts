// The fault rules of one engine, grouped by workspace: a request is only ever checked against the
// rules of the workspace it acts in, so one workspace's rules cannot touch another's requests.
import type { OperationId } from "../../../src/generated/security.js";
import type { Millis, Schemas } from "../types.js";
import { seededRandom } from "./seededRandom.js";

export type FaultRequest = Schemas["FaultRequest"];
export type FaultAction = Schemas["FaultAction"];

/** What the request path knows when it asks whether a fault fires. */
export interface FaultCandidate {
  workspaceId: string;
  operationId: OperationId;
  method: string;
  path: string;
  /** The kind of credential the request carried, or null when it carried none. */
  credentialKind: string | null;
}

interface Rule {
  view: Schemas["Fault"];
  draw: (() => number) | null;
}

function pathMatches(pattern: string, path: string): boolean {
  return pattern.endsWith("*") ? path.startsWith(pattern.slice(0, -1)) : pattern === path;
}

function matches(rule: Rule, request: FaultCandidate): boolean {
  const { match, action } = rule.view;
  if (rule.view.remaining === 0) return false;
  // An early expiry only makes sense for a request that presented a credential.
  if (action.type === "token_expired" && request.credentialKind === null) return false;
  return (
    (match.operation_id === undefined || match.operation_id === request.operationId) &&
    (match.method === undefined || match.method === request.method) &&
    (match.path === undefined || pathMatches(match.path, request.path)) &&
    (match.credential_kind === undefined || match.credential_kind === request.credentialKind)
  );
}

export class FaultRules {
  readonly #byWorkspace = new Map<string, Rule[]>();
  #count = 0;

  /** How many rules there are; the request path skips everything else when it is 0. */
  get size(): number {
    return this.#count;
  }

  add(id: string, request: FaultRequest, now: Millis): Schemas["Fault"] {
    const probability = request.probability ?? null;
    const times = request.times ?? (probability === null ? 1 : null);
    const seed = probability === null ? null : (request.seed ?? 1);
    const view: Schemas["Fault"] = {
      id,
      workspace_id: request.workspace_id,
      match: { ...request.match },
      action: { ...request.action },
      times,
      probability,
      seed,
      remaining: times,
      fired: 0,
      created_at: new Date(now).toISOString(),
    };
    const rules = this.#byWorkspace.get(request.workspace_id) ?? [];
    rules.push({ view, draw: seed === null ? null : seededRandom(seed) });
    this.#byWorkspace.set(request.workspace_id, rules);
    this.#count++;
    return view;
  }

  list(workspaceId?: string): Schemas["Fault"][] {
    const groups =
      workspaceId === undefined
        ? [...this.#byWorkspace.values()]
        : [this.#byWorkspace.get(workspaceId) ?? []];
    return groups.flat().map((rule) => structuredClone(rule.view));
  }

  /** Removes one workspace's rules, or all; answers how many went. */
  clear(workspaceId?: string): number {
    const before = this.#count;
    if (workspaceId === undefined) this.#byWorkspace.clear();
    else this.#byWorkspace.delete(workspaceId);
    this.#count = [...this.#byWorkspace.values()].reduce((n, rules) => n + rules.length, 0);
    return before - this.#count;
  }

  /** The action of the oldest matching rule that fires for this request, counting it; or null. */
  take(request: FaultCandidate): FaultAction | null {
    const rules = this.#byWorkspace.get(request.workspaceId);
    if (rules === undefined) return null;
    for (const rule of rules) {
      if (!matches(rule, request)) continue;
      const { view } = rule;
      if (rule.draw !== null && view.probability !== null && rule.draw() >= view.probability)
        continue;
      view.fired++;
      if (view.remaining !== null) view.remaining--;
      return view.action;
    }
    return null;
  }
}
