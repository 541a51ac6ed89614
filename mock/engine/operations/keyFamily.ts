// One implementation of list/create/get/revoke/rotate for every key owner (the caller, a
// workspace, a team, an agent). A family differs only in how it finds its owner from the request
// and in which scopes its keys may carry.
import type { Scope } from "../../../src/generated/security.js";
import type { EngineContext } from "../EngineContext.js";
import { instantAfter } from "../instants.js";
import { ProblemError } from "../ProblemError.js";
import { parseDuration } from "../parseDuration.js";
import { retire } from "../retiredSecrets.js";
import type { KeyKind, KeyRecord, Principal, Schemas } from "../types.js";
import { notFound, principalOf } from "./inWorkspace.js";
import { mintKeyRecord } from "./mintKeyRecord.js";
import { paginate } from "./paginate.js";
import { keyToApi, keyWithSecretToApi } from "./toApi.js";

export interface KeyOwner {
  workspaceId: string;
  owner: KeyRecord["owner"];
  /** The user a user key acts as; null for other kinds. */
  userId: string | null;
}

interface Input<P> {
  principal: Principal | null;
  path: P;
}

type ListQuery = { limit?: number; cursor?: string } | undefined;

/**
 * Refuses a key that could do more than the credential asking for it: creating or rotating a key
 * hands its secret to that credential. `saying` words the detail for the scopes it lacks.
 */
function refuseWider(
  held: readonly Scope[],
  scopes: readonly Scope[],
  saying: (lacking: string) => string,
): void {
  const lacking = scopes.filter((scope) => !held.includes(scope));
  if (lacking.length > 0) {
    throw new ProblemError(403, "scope_escalation", saying(lacking.join(", ")));
  }
}

function scopesFor(kind: KeyKind, principal: Principal, requested: Scope[] | undefined): Scope[] {
  const held = principal.scopes;
  if (kind === "team_key") {
    if (requested !== undefined && requested.length > 0) {
      throw new ProblemError(400, "validation_failed", "Team keys carry no scopes.", {
        errors: [{ pointer: "/body/scopes", detail: "must be empty or absent for a team key" }],
      });
    }
    return [];
  }
  if (kind === "agent_key") {
    if (requested !== undefined && (requested.length !== 1 || requested[0] !== "agents:invoke")) {
      throw new ProblemError(400, "validation_failed", "Agent keys always have [agents:invoke].", {
        errors: [{ pointer: "/body/scopes", detail: "must be [agents:invoke] or absent" }],
      });
    }
    if (!held.includes("agents:invoke")) {
      throw new ProblemError(
        403,
        "scope_escalation",
        "Creating an agent key needs agents:invoke, which this credential does not hold.",
      );
    }
    return ["agents:invoke"];
  }
  const scopes = requested ?? [...held];
  refuseWider(
    held,
    scopes,
    (lacking) => `The key would have scopes this credential does not hold: ${lacking}.`,
  );
  return scopes;
}

export function keyFamily<P>(
  ctx: EngineContext,
  kind: KeyKind,
  resolveOwner: (principal: Principal, path: P) => KeyOwner,
) {
  const ownerOf = (input: Input<P>) => resolveOwner(principalOf(input), input.path);
  const isOwned = (key: KeyRecord, owner: KeyOwner) =>
    key.kind === kind &&
    key.workspaceId === owner.workspaceId &&
    key.owner.type === owner.owner.type &&
    key.owner.id === owner.owner.id;
  const ownedKey = (input: Input<P & { keyId: string }>) => {
    const owner = ownerOf(input);
    const key = ctx.store.keys.get(input.path.keyId);
    if (key === undefined || !isOwned(key, owner)) throw notFound("key", input.path.keyId);
    return key;
  };

  return {
    list(input: Input<P> & { query: ListQuery }) {
      const owner = ownerOf(input);
      const keys = [...ctx.store.keys.values()].filter((key) => isOwned(key, owner));
      return { status: 200, body: paginate(keys, input.query, "newest-first", keyToApi) };
    },

    create(input: Input<P> & { body: Schemas["CreateKeyRequest"] | undefined }) {
      const owner = ownerOf(input);
      const body = input.body ?? { name: kind };
      const scopes = scopesFor(kind, principalOf(input), body.scopes);
      const expiresAt =
        body.expires_in === undefined
          ? null
          : instantAfter(
              ctx.clock.now(),
              parseDuration(body.expires_in, "/body/expires_in"),
              "/body/expires_in",
              "The key's expiry",
            );
      const { key, secret } = mintKeyRecord(ctx, {
        kind,
        name: body.name,
        scopes,
        expiresAt,
        ...owner,
      });
      return { status: 201, body: keyWithSecretToApi(key, secret) };
    },

    get(input: Input<P & { keyId: string }>) {
      return { status: 200, body: keyToApi(ownedKey(input)) };
    },

    revoke(input: Input<P & { keyId: string }>) {
      let key = ownedKey(input);
      if (key.revokedAt === null) {
        key = { ...key, revokedAt: ctx.clock.now() };
        ctx.store.putKey(key);
      }
      return { status: 200, body: keyToApi(key) };
    },

    rotate(
      input: Input<P & { keyId: string }> & { body: Schemas["RotateKeyRequest"] | undefined },
    ) {
      const key = ownedKey(input);
      if (key.revokedAt !== null) {
        throw new ProblemError(409, "conflict", `The key ${key.id} is revoked; create a new one.`);
      }
      // The new secret goes to the caller: the rule for creating a key holds here too.
      refuseWider(
        principalOf(input).scopes,
        key.scopes,
        (lacking) =>
          `Rotating ${key.id} would hand this credential a secret with scopes it does not hold: ${lacking}.`,
      );
      const grace = input.body?.grace_period;
      const now = ctx.clock.now();
      const graceEndsAt =
        grace === undefined
          ? null
          : instantAfter(
              now,
              parseDuration(grace, "/body/grace_period"),
              "/body/grace_period",
              "The grace period's end",
            );
      const minted = ctx.crypto.mintKey(kind);
      // A new record rather than an in-place edit: Store.putKey unindexes the old record's
      // digests, which it can only find on the old object.
      const rotated: KeyRecord = {
        ...key,
        digest: minted.digest,
        start: minted.start,
        previous: graceEndsAt === null ? null : { digest: key.digest, expiresAt: graceEndsAt },
        retired: retire(key, now, graceEndsAt),
      };
      ctx.store.putKey(rotated);
      return { status: 200, body: keyWithSecretToApi(rotated, minted.secret) };
    },
  };
}
