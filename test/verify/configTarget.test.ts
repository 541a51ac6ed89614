// A deployment that is not a sandbox: the config names its workspaces, users and secrets (from
// environment variables), the tool never touches /_sandbox, skips what needs --allow-writes or a
// clock, and revokes every key it created.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttp } from "../../verify/createHttp.js";
import { finishedJobs } from "../../verify/fixtures/finishedJobs.js";
import { type VerifyConfig, type VerifyReport, verify } from "../../verify/index.js";
import { type Cli, startCli, waitForBanner } from "../mock/server/startCli.js";

interface Made {
  workspace: { id: string };
  owner: { user: { id: string }; user_key: { id: string; secret: string } };
  agents: { agent: { id: string; slug: string } }[];
  team: { id: string; member_ids: string[] };
}

let cli: Cli;
let url: string;
let report: VerifyReport;
let ownerKey: string;
let aliveBefore: string[];
const sandboxCalls: string[] = [];

beforeAll(async () => {
  cli = startCli(["sandbox", "--port", "0", "--quiet"]);
  url = (await waitForBanner(cli)).url;
  const http = createHttp(url, fetch);
  const env: Record<string, string> = {};
  const tenants: VerifyConfig["tenants"] = [];
  let first: Made | undefined;
  for (const name of ["A", "B"]) {
    const made = (await http("post", "/_sandbox/workspaces", { body: {} })).json as Made;
    first ??= made;
    const agent = made.agents[0]?.agent as { id: string };
    const jobs = await finishedJobs(http, made.owner.user_key.secret, agent.id, 2);
    env[`LK_${name}_OWNER`] = made.owner.user_key.secret;
    tenants.push({
      workspaceId: made.workspace.id,
      teamId: made.team.id,
      teamMemberIds: made.team.member_ids,
      agents: made.agents.map(({ agent: a }) => ({ id: a.id, slug: a.slug })),
      jobIds: jobs.map((j) => j.id),
      files: jobs.map((j) => ({ agentId: agent.id, filename: j.filename })),
      admin: { env: `LK_${name}_OWNER` },
    });
  }
  if (!first) throw new Error("no workspace");
  ownerKey = first.owner.user_key.secret;
  aliveBefore = await aliveKeys();
  const config: VerifyConfig = {
    tenants,
    users: [
      {
        role: "owner",
        userId: first.owner.user.id,
        userKey: { id: first.owner.user_key.id, secret: { env: "LK_A_OWNER" } },
      },
    ],
  };
  const watching: typeof fetch = (input, init) => {
    const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
    if (path.startsWith("/_sandbox")) sandboxCalls.push(path);
    return fetch(input, init);
  };
  report = await verify({
    baseUrl: url,
    config,
    env,
    fetch: watching,
    operations: ["listAgents", "getUserKey", "rotateUserKey", "createUserKey", "createJob"],
  });
}, 120_000);
afterAll(() => cli?.kill());

async function aliveKeys(): Promise<string[]> {
  const answer = await fetch(`${url}/v1/me/api-keys?limit=100`, {
    headers: { authorization: `Bearer ${ownerKey}` },
  });
  const keys = ((await answer.json()) as { data: { id: string; revoked_at: string | null }[] })
    .data;
  return keys.filter((key) => key.revoked_at === null).map((key) => key.id);
}

describe("latchkey verify with a config file", () => {
  it("verifies the operations it may, with no mismatch but the known findings", () => {
    expect(report.target).toBe("config");
    expect(report.cells).toBeGreaterThan(300);
    expect(report.mismatches).toEqual([]);
  });

  it("never calls the sandbox controls", () => {
    expect(sandboxCalls).toEqual([]);
  });

  it("skips what would change data it did not create, and expiry without a clock", () => {
    const reasons = report.skipped.map((s) => s.reason);
    expect(reasons).toContain("changes data the tool did not create (needs --allow-writes)");
    expect(reasons).toContain("expired credentials need a target clock");
    expect(report.operations.some((row) => row.operation === "createJob")).toBe(false);
  });

  it("leaves no key it created alive", async () => {
    expect(
      report.operations.find((row) => row.operation === "createUserKey")?.passed,
    ).toBeGreaterThan(0);
    expect(await aliveKeys()).toEqual(aliveBefore);
  });
});
