// A vitest suite that tests an app's use of the API against the in-process sandbox, through
// `sandbox.fetch`: nothing listens, nothing global is patched, and each test has its own sandbox.
// Copy it into your project as is; `npm test` runs it here.
import { createClient, PermissionDeniedError, unwrap } from "latchkey";
import { createSandbox, type Sandbox } from "latchkey/mock";
import { beforeEach, describe, expect, it } from "vitest";

let sandbox: Sandbox;
let workspace: Awaited<ReturnType<Sandbox["createWorkspace"]>>;

beforeEach(async () => {
  sandbox = createSandbox();
  workspace = await sandbox.createWorkspace();
});

/** A client for one credential, answered by this test's sandbox. */
const clientFor = (credentials: string) =>
  createClient({ baseUrl: "http://127.0.0.1:4010", fetch: sandbox.fetch, credentials });

describe("an app against the in-process sandbox", () => {
  it("lists the workspace's agents with the owner's key", async () => {
    const client = clientFor(workspace.owner.user_key.secret);
    const agents = await unwrap(client.GET("/v1/agents"));
    expect(agents.data.map((agent) => agent.slug)).toEqual(["agent-one", "agent-two"]);
  });

  it("is refused creating an agent with a viewer's key, naming the missing scope", async () => {
    const viewer = await sandbox.createUser(workspace.workspace.id, { role: "viewer" });
    const client = clientFor(viewer.user_key.secret);
    const created = unwrap(client.POST("/v1/agents", { body: { name: "Bot", slug: "bot" } }));
    await expect(created).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(created).rejects.toMatchObject({ requiredScopes: ["agents:write"] });
  });

  it("sees a key that expires in 90 days stop working on day 91, with no waiting", async () => {
    const key = await sandbox.issueKey({
      kind: "workspace_key",
      workspaceId: workspace.workspace.id,
      scopes: ["agents:read"],
      expiresIn: "90d",
    });
    const client = clientFor(key.secret);
    expect((await client.GET("/v1/agents")).response.status).toBe(200);
    sandbox.clock.advance("91d");
    const { error } = await client.GET("/v1/agents");
    expect(error?.code).toBe("token_expired");
  });
});
