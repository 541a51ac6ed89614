// Keys made over HTTP each arrive with their own copies of the scope list, owner and workspace id
// parsed from their request; the store keeps one of each (see mock/engine/SharedKeyParts.ts).
import { describe, expect, it } from "vitest";
import { createSandbox } from "../../../mock/index.js";

async function createKey(
  sandbox: ReturnType<typeof createSandbox>,
  workspaceId: string,
  secret: string,
) {
  const reply = await sandbox.fetch(`${sandbox.baseUrl}/v1/w/${workspaceId}/keys`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: JSON.stringify({ name: "shared", scopes: ["agents:read", "keys:read"] }),
  });
  expect(reply.status).toBe(201);
  return ((await reply.json()) as { id: string }).id;
}

describe("key records share the parts many keys hold alike", () => {
  it("keys with equal scopes, owner and workspace hold one frozen scope list, one owner and the workspace's own id", async () => {
    const sandbox = createSandbox();
    const { workspace, owner } = await sandbox.createWorkspace();
    const first = await createKey(sandbox, workspace.id, owner.user_key.secret);
    const second = await createKey(sandbox, workspace.id, owner.user_key.secret);
    const keys = sandbox.engine.context.store.keys;
    const a = keys.get(first);
    const b = keys.get(second);
    expect(a?.scopes).toEqual(["agents:read", "keys:read"]);
    expect(b?.scopes).toBe(a?.scopes);
    expect(Object.isFrozen(a?.scopes)).toBe(true);
    expect(a?.owner).toEqual({ type: "workspace", id: workspace.id });
    expect(b?.owner).toBe(a?.owner);
    expect(Object.isFrozen(a?.owner)).toBe(true);
    // The id string the workspace record holds, not a copy cut from the request's path.
    expect(a?.workspaceId).toBe(sandbox.engine.context.store.workspaces.get(workspace.id)?.id);
  });

  it("a key whose scopes differ gets its own list, and the shared one is unchanged", async () => {
    const sandbox = createSandbox();
    const { workspace, owner } = await sandbox.createWorkspace();
    const first = await createKey(sandbox, workspace.id, owner.user_key.secret);
    const reply = await sandbox.fetch(`${sandbox.baseUrl}/v1/w/${workspace.id}/keys`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${owner.user_key.secret}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ name: "other", scopes: ["agents:read"] }),
    });
    const other = ((await reply.json()) as { id: string }).id;
    const keys = sandbox.engine.context.store.keys;
    expect(keys.get(other)?.scopes).toEqual(["agents:read"]);
    expect(keys.get(first)?.scopes).toEqual(["agents:read", "keys:read"]);
  });
});
