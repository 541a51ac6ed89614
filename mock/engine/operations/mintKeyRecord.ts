// Creating a key is the same for every owner: mint a secret, keep only its digest, and hand the
// secret back once. The HTTP operations and the sandbox fixtures both come through here.

import { scopes as allScopes, type Scope } from "../../../src/generated/security.js";
import type { EngineContext } from "../EngineContext.js";
import type { KeyKind, KeyRecord, Millis } from "../types.js";

export interface KeySpec {
  kind: KeyKind;
  name: string;
  scopes: readonly Scope[];
  workspaceId: string;
  owner: KeyRecord["owner"];
  /** The user a user key acts as; null for the other kinds. */
  userId: string | null;
  expiresAt: Millis | null;
}

// Each scope as the one string of the generated list: a scope parsed from a request body is a
// fresh string per key, which 100,000 keys pay for 100,000 times.
const canonicalScopes = new Map<string, Scope>(allScopes.map((scope) => [scope, scope]));

export function mintKeyRecord(
  ctx: EngineContext,
  spec: KeySpec,
): { key: KeyRecord; secret: string } {
  const minted = ctx.crypto.mintKey(spec.kind);
  const key: KeyRecord = {
    id: ctx.crypto.id("key"),
    kind: spec.kind,
    name: spec.name,
    start: minted.start,
    digest: minted.digest,
    scopes: spec.scopes.map((scope) => canonicalScopes.get(scope) ?? scope),
    workspaceId: spec.workspaceId,
    owner: { ...spec.owner },
    userId: spec.userId,
    createdAt: ctx.clock.now(),
    expiresAt: spec.expiresAt,
    lastUsedAt: null,
    revokedAt: null,
    previous: null,
  };
  ctx.store.putKey(key);
  return { key, secret: minted.secret };
}
