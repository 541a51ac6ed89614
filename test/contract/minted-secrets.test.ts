import { describe, expect, it } from "vitest";
import { createSandbox } from "../../mock/createSandbox.js";
import { type CredentialKind, credentialKinds, tokenPatterns } from "../../src/generated/security";

// Every secret the sandbox mints must match its kind's `x-token-pattern`: the spec publishes the
// patterns for secret scanners, and the SDK classifies credentials by them.

async function mintOneOfEach(): Promise<Record<CredentialKind, string>> {
  const sandbox = createSandbox({ seed: 7 });
  await sandbox.engine.ready;
  const ctx = sandbox.engine.context;
  const ws = await sandbox.createWorkspace();
  const user = ctx.store.users.get(ws.owner.user.id);
  if (user === undefined) throw new Error("the fixture's owner is missing");
  const session = await ctx.sessions.issue(user);
  const claims = {
    resource: "x",
    expiresAt: ctx.clock.now() + 60_000,
    workspaceId: ws.workspace.id,
  };
  const keyOf = async (kind: "workspace_key" | "team_key") =>
    (await sandbox.issueKey({ kind, workspaceId: ws.workspace.id })).secret;
  return {
    session: session.access_token,
    refresh_token: session.refresh_token,
    user_key: ws.owner.user_key.secret,
    workspace_key: await keyOf("workspace_key"),
    team_key: await keyOf("team_key"),
    agent_key: ws.agents[0]?.key.secret ?? "",
    download_token: ctx.crypto.mintSignedToken("download_token", claims),
    stream_token: ctx.crypto.mintSignedToken("stream_token", claims),
  };
}

describe("secrets the sandbox mints", () => {
  it("each match their kind's x-token-pattern, and no other kind's", async () => {
    const minted = await mintOneOfEach();
    for (const kind of credentialKinds) {
      const secret = minted[kind];
      expect(new RegExp(tokenPatterns[kind], "u").test(secret), kind).toBe(true);
      for (const other of credentialKinds.filter((k) => k !== kind)) {
        expect(new RegExp(tokenPatterns[other], "u").test(secret), `${kind} as ${other}`).toBe(
          false,
        );
      }
    }
  });
});
