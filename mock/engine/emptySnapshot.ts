// The state of a sandbox that holds nothing yet but its secrets: where a replica starts before it
// reads the shared log, and the base a whole change log folds onto.
import type { Snapshot } from "./types.js";

export function emptySnapshot(serverSecrets: Record<string, string>): Snapshot {
  return {
    version: 1,
    serverSecrets,
    clockOffsetMs: 0,
    workspaces: [],
    users: [],
    teams: [],
    agents: [],
    keys: [],
    refreshTokens: [],
    families: [],
    revokedJtis: [],
    jobs: [],
  };
}
