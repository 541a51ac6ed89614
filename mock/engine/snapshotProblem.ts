// Whether a snapshot can be used: every record's fields of the right type and every instant in
// the range the sandbox keeps. Run on a state file before it is loaded (refused at start, the
// field named) and on every snapshot before it is written (nothing invalid reaches the file).
import { INSTANT_RANGE, isInstant } from "./instants.js";

type FieldKind = "string" | "instant" | "instant?" | "list" | "object?";

const records: Record<string, Record<string, FieldKind>> = {
  workspaces: { id: "string", createdAt: "instant" },
  users: { id: "string", workspaceId: "string", email: "string", passwordHash: "string" },
  teams: { id: "string", workspaceId: "string", memberIds: "list" },
  agents: { id: "string", workspaceId: "string", slug: "string", createdAt: "instant" },
  keys: {
    id: "string",
    digest: "string",
    workspaceId: "string",
    scopes: "list",
    createdAt: "instant",
    expiresAt: "instant?",
    lastUsedAt: "instant?",
    revokedAt: "instant?",
    previous: "object?",
  },
  refreshTokens: {
    digest: "string",
    familyId: "string",
    createdAt: "instant",
    expiresAt: "instant",
    usedAt: "instant?",
  },
  families: { id: "string", revokedAt: "instant?" },
  revokedJtis: { jti: "string", expiresAt: "instant" },
  jobs: { id: "string", createdAt: "instant" },
  replays: { index: "string", sealed: "string", expiresAt: "instant" },
  identities: { issuer: "string", subject: "string", userId: "string" },
};

function fieldProblem(value: unknown, kind: FieldKind): string | null {
  switch (kind) {
    case "string":
      return typeof value === "string" ? null : "is not a string";
    case "list":
      return Array.isArray(value) ? null : "is not a list";
    case "object?":
      return value === null || value === undefined || typeof value === "object"
        ? null
        : "is not an object";
    case "instant?":
      if (value === null || value === undefined) return null;
      return isInstant(value) ? null : `is not an instant from ${INSTANT_RANGE}`;
    case "instant":
      return isInstant(value) ? null : `is not an instant from ${INSTANT_RANGE}`;
  }
}

/**
 * The first unusable field of `snapshot` as `"keys[3].expiresAt is not an instant …"`, or null
 * when it is usable. `realNow` is the wall clock, for the clock offset (it must give an instant).
 */
export function snapshotProblem(snapshot: unknown, realNow: number): string | null {
  if (typeof snapshot !== "object" || snapshot === null) return "the state is not an object";
  const state = snapshot as Record<string, unknown>;
  if (state.version !== 1) return "version is not 1";
  const secrets = state.serverSecrets as Record<string, unknown> | null | undefined;
  if (typeof secrets !== "object" || secrets === null || typeof secrets.root !== "string") {
    return "serverSecrets.root is missing";
  }
  const offset = state.clockOffsetMs;
  if (typeof offset !== "number" || !isInstant(realNow + offset)) {
    return `clockOffsetMs does not put the clock within ${INSTANT_RANGE}`;
  }
  for (const [list, fields] of Object.entries(records)) {
    const items = state[list];
    if (items === undefined && (list === "replays" || list === "identities")) continue;
    if (!Array.isArray(items)) return `${list} is not a list`;
    for (let i = 0; i < items.length; i++) {
      const item: unknown = items[i];
      if (typeof item !== "object" || item === null) return `${list}[${i}] is not an object`;
      for (const [field, kind] of Object.entries(fields)) {
        const problem = fieldProblem((item as Record<string, unknown>)[field], kind);
        if (problem !== null) return `${list}[${i}].${field} ${problem}`;
      }
      if (list === "keys") {
        const problem = keyTimesProblem(item as KeyTimes, `${list}[${i}]`);
        if (problem !== null) return problem;
      }
    }
  }
  return null;
}

interface KeyTimes {
  previous?: { expiresAt?: unknown } | null;
  retired?: unknown;
}

/** The instants nested in a key record: its grace and its retired secrets. */
function keyTimesProblem(key: KeyTimes, at: string): string | null {
  const notInstant = `is not an instant from ${INSTANT_RANGE}`;
  if (key.previous != null && !isInstant(key.previous.expiresAt)) {
    return `${at}.previous.expiresAt ${notInstant}`;
  }
  if (key.retired === undefined) return null;
  if (!Array.isArray(key.retired)) return `${at}.retired is not a list`;
  for (let j = 0; j < key.retired.length; j++) {
    const retired = key.retired[j] as Record<string, unknown> | null;
    if (typeof retired !== "object" || retired === null)
      return `${at}.retired[${j}] is not an object`;
    if (typeof retired.digest !== "string") return `${at}.retired[${j}].digest is not a string`;
    for (const field of ["rotatedAt", "graceEndsAt"]) {
      const value = retired[field];
      if (value !== null && !isInstant(value)) return `${at}.retired[${j}].${field} ${notInstant}`;
    }
  }
  return null;
}
