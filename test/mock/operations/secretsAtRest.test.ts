// Keys are stored as digests only: after issuing hundreds, neither the snapshot (what a state
// file holds) nor any string reachable from the live store contains a secret.
import { describe, expect, it } from "vitest";
import type { KeyKind } from "../../../mock/engine/types.js";
import { createSandbox } from "../../../mock/index.js";

function reachableStrings(root: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown): void => {
    if (typeof value === "string") out.push(value);
    if (typeof value !== "object" || value === null || seen.has(value)) return;
    seen.add(value);
    if (value instanceof Map) {
      for (const [k, v] of value) {
        visit(k);
        visit(v);
      }
    } else {
      for (const v of Object.values(value)) visit(v);
    }
  };
  visit(root);
  return out;
}

describe("secrets at rest", () => {
  it("holds no issued secret in the snapshot or the store, only one digest per key", async () => {
    const sandbox = createSandbox({ seed: 7 });
    const ws = await sandbox.createWorkspace();
    const kinds: KeyKind[] = ["user_key", "workspace_key", "team_key", "agent_key"];
    const secrets = [ws.owner.user_key.secret, ...ws.agents.map((a) => a.key.secret)];
    for (let i = 0; i < 200; i++) {
      const kind = kinds[i % kinds.length] ?? "user_key";
      secrets.push((await sandbox.issueKey({ kind, workspaceId: ws.workspace.id })).secret);
    }
    const bodies = secrets.map((secret) => secret.slice(-32));

    const json = JSON.stringify(sandbox.snapshot());
    // Every map the store holds, through its read-only views (its fields are private; the heap
    // test looks at everything a heap dump shows).
    const { store: held } = sandbox.engine.context;
    const strings = reachableStrings([
      ...[held.workspaces, held.users, held.teams, held.agents, held.keys, held.families],
      ...[held.jobs, held.revokedJtis, held.keyIdByDigest, held.snapshot().refreshTokens],
    ]);
    expect(strings.length).toBeGreaterThan(1000);
    for (const body of bodies) {
      expect(json.includes(body)).toBe(false);
      expect(strings.some((s) => s.includes(body))).toBe(false);
    }
    expect(json.includes(ws.owner.password)).toBe(false);

    const { store, crypto } = sandbox.engine.context;
    expect(store.keys.size).toBe(secrets.length);
    expect(store.keyIdByDigest.size).toBe(secrets.length);
    for (const secret of secrets) expect(store.keyIdByDigest.has(crypto.digest(secret))).toBe(true);
  });
});
