// The objects cells act on. Reading cells share one object per collection; a cell that should
// succeed at changing or deleting an object (DELETE, rotate) gets a fresh one the tool creates
// just before it, through the collection's create operation, so no cell depends on another and
// nothing the tool did not create is ever changed.
import type { Http } from "./createHttp.js";
import { fillPath } from "./fillPath.js";
import type { Fixtures } from "./fixtures/Fixtures.js";
import { findOperation, type SpecOperation } from "./specModel.js";
import type { Caller, Scope } from "./types.js";
import { uniqueBody } from "./uniqueBody.js";

/** The collection an object path belongs to: `/v1/agents/{agentId}/rotate` → `/v1/agents`. */
export function collectionOf(path: string): { collection: string; param: string } | null {
  const match = /^(.*)\/\{(\w+)\}(?:\/[^{}]*)?$/.exec(path);
  return match ? { collection: match[1] as string, param: match[2] as string } : null;
}

/** A key rotation (`…/{keyId}/rotate`): it answers with a new secret of that key. */
export function rotates(op: SpecOperation): boolean {
  return op.method === "post" && op.path.endsWith("/rotate");
}

/** DELETE and rotate-like POSTs on an existing object: they change what they touch. */
export function changesTarget(op: SpecOperation): boolean {
  return (
    op.method !== "get" &&
    op.successStatus < 201 &&
    collectionOf(op.path) !== null &&
    !op.path.includes("{agentSlug}")
  );
}

export interface Targets {
  /** `{keyId}` (or other object id) for a reading cell of `op`, in tenant 0 or 1. */
  shared(op: SpecOperation, tenant: number, caller: Caller | null): Record<string, string>;
  /** A new object for one cell, created as `caller`'s user where the collection is per user. */
  fresh(op: SpecOperation, caller: Caller): Promise<Record<string, string>>;
  /** Objects cells created, to remove at the end (config targets). */
  createdByCells: { path: string; credential: string }[];
}

export async function prepareTargets(
  http: Http,
  operations: readonly SpecOperation[],
  fixtures: Fixtures,
): Promise<Targets> {
  const ids = new Map<string, string>();
  const createdByCells: Targets["createdByCells"] = [];
  /** Remembers how to remove an object the tool made in `collection` of tenant `tenant`. */
  const remember = (
    collection: string,
    param: string,
    id: string,
    tenant: number,
    credential: string,
  ) => {
    const remove = operations.find(
      (d) => d.method === "delete" && collectionOf(d.path)?.collection === collection,
    );
    const t = fixtures.tenants[tenant];
    if (remove && t)
      createdByCells.push({ path: fillPath(remove.path, t, { [param]: id }), credential });
  };
  const userKeyIds = new Map<string, string>();
  for (const caller of fixtures.callers) {
    if (caller.kind === "user_key" && caller.userId && caller.label.startsWith("user_key:")) {
      userKeyIds.set(caller.userId, caller.keyId ?? "");
    }
  }
  const createOf = (collection: string) => findOperation(operations, "post", collection);
  const create = async (
    op: SpecOperation,
    tenant: number,
    credential: string,
    scopes?: readonly string[],
  ) => {
    const createOp = createOf(collectionOf(op.path)?.collection ?? "");
    if (!createOp) throw new Error(`no create operation for ${op.path}`);
    const t = fixtures.tenants[tenant];
    if (!t) throw new Error(`no tenant ${tenant}`);
    const body = uniqueBody(createOp) as Record<string, unknown>;
    const answer = await http("post", fillPath(createOp.path, t), {
      credential,
      body: scopes ? { ...body, scopes } : body,
    });
    return answer.json as { id: string; scopes?: unknown };
  };
  const perUser = (op: SpecOperation) =>
    fixtures.keyKindByCollection.get(collectionOf(op.path)?.collection ?? "") === "user_key";

  // One shared object per collection and tenant: listed, or (for changing operations) created.
  for (const op of operations) {
    const found = collectionOf(op.path);
    if (!found || !(found.param === "keyId" || changesTarget(op))) continue;
    for (const tenant of [0, 1]) {
      const key = `${found.collection} ${tenant}`;
      if (ids.has(key)) continue;
      const t = fixtures.tenants[tenant];
      if (!t) continue;
      const { id } = await create(op, tenant, t.admin);
      ids.set(key, id);
      remember(found.collection, found.param, id, tenant, t.admin);
    }
  }

  return {
    createdByCells,
    shared(op, tenant, caller) {
      const found = collectionOf(op.path);
      if (!found || !(found.param === "keyId" || changesTarget(op))) return {};
      if (
        found.param === "keyId" &&
        perUser(op) &&
        tenant === 0 &&
        caller?.userId &&
        !changesTarget(op)
      ) {
        const own = userKeyIds.get(caller.userId);
        if (own) return { keyId: own };
      }
      const id = ids.get(`${found.collection} ${tenant}`);
      return id === undefined ? {} : { [found.param]: id };
    },
    async fresh(op, caller) {
      const found = collectionOf(op.path);
      if (!found) return {};
      const credential =
        perUser(op) && caller.userId
          ? (fixtures.userCredential.get(caller.userId) ?? caller.secret)
          : (fixtures.tenants[0]?.admin ?? "");
      let made = await create(op, 0, credential);
      // Rotating hands out the key's new secret, so it needs every scope the key has (else 403
      // scope_escalation): a cell about the caller's own rights rotates a key within them. A
      // kind whose scopes are fixed (agent keys) keeps its key; expect.ts decides that cell.
      const scopes = Array.isArray(made.scopes) ? (made.scopes as Scope[]) : [];
      const within = scopes.filter((scope) => caller.scopes?.includes(scope) ?? true);
      if (rotates(op) && within.length > 0 && within.length < scopes.length) {
        remember(found.collection, found.param, made.id, 0, credential);
        made = await create(op, 0, credential, within);
      }
      // The revoke cell removes its own target; anything else is removed at the end.
      if (op.method !== "delete") remember(found.collection, found.param, made.id, 0, credential);
      return { [found.param]: made.id };
    },
  };
}
