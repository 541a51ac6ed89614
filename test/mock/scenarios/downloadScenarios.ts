// Download links: minted by a control credential, bound to one file, short-lived.
import { expect, it } from "vitest";
import type { ScenarioClient, Schemas } from "./scenarioClient.js";

export function downloadScenarios(c: ScenarioClient): void {
  const mint = (
    auth: string | undefined,
    agentId: string | undefined,
    body?: Schemas["MintTokenRequest"],
  ) =>
    c.request<Schemas["SignedToken"]>("POST", `/v1/downloads/${agentId}/hello.txt/token`, {
      auth,
      body,
    });

  it("a download token downloads its file, uncached and without a referrer", async () => {
    const ws = await c.workspace();
    const agentId = ws.agents[0]?.agent.id;
    const minted = await mint(ws.owner.user_key.secret, agentId);
    expect(minted.status).toBe(201);
    expect(minted.body.url).toBe(
      c.url(`/v1/downloads/${agentId}/hello.txt?token=${minted.body.token}`),
    );
    const file = await c.request<string>("GET", minted.body.url);
    expect(file.status).toBe(200);
    expect(file.text).toBe(`Hello from agent ${agentId}.\n`);
    expect(file.headers.get("content-type")).toBe("application/octet-stream");
    expect(file.headers.get("cache-control")).toBe("no-store");
    expect(file.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("refuses a download token for another file with 403 resource_mismatch", async () => {
    const ws = await c.workspace();
    const minted = await mint(ws.owner.user_key.secret, ws.agents[0]?.agent.id);
    const reply = await c.request(
      "GET",
      `/v1/downloads/${ws.agents[1]?.agent.id}/hello.txt?token=${minted.body.token}`,
    );
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe("resource_mismatch");
  });

  it("an agent key cannot mint tokens (403 credential_kind_not_allowed)", async () => {
    const ws = await c.workspace();
    const [one] = ws.agents;
    const reply = await c.request("POST", `/v1/downloads/${one?.agent.id}/hello.txt/token`, {
      auth: one?.key.secret,
    });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe("credential_kind_not_allowed");
  });

  it("refuses a token lifetime over one hour with 400 validation_failed at /body/expires_in", async () => {
    const ws = await c.workspace();
    const reply = await c.request(
      "POST",
      `/v1/downloads/${ws.agents[0]?.agent.id}/hello.txt/token`,
      {
        auth: ws.owner.user_key.secret,
        body: { expires_in: "2h" },
      },
    );
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe("validation_failed");
    expect(reply.body.errors?.map((e) => e.pointer)).toContain("/body/expires_in");
  });

  it("a download token expires after its five default minutes", async () => {
    const ws = await c.workspace();
    const minted = await mint(ws.owner.user_key.secret, ws.agents[0]?.agent.id);
    await c.advanceClock("6m");
    const reply = await c.request("GET", minted.body.url);
    expect(reply.status).toBe(401);
    expect(reply.body.code).toBe("token_expired");
  });

  it("answers 404 for a file the agent does not have", async () => {
    const ws = await c.workspace();
    const reply = await c.request("GET", `/v1/downloads/${ws.agents[0]?.agent.id}/missing.txt`, {
      auth: ws.owner.user_key.secret,
    });
    expect(reply.status).toBe(404);
    expect(reply.body.code).toBe("not_found");
  });
}
