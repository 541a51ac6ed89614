// An app's use of every resource method, importing only the package's entry points: type-checked
// here and, copied into a project that installed the packed tarball, under strict tsc there too.
// It throws on the first answer that is not what the sandbox gives; `run` returns what it did.
import { type components, createClient } from "latchkey";

type SandboxWorkspace = components["schemas"]["SandboxWorkspace"];
type Fetch = (request: Request) => Promise<Response>;

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`everyResourceMethod: ${what}`);
}

/** Calls each resource method once (list methods walked with `for await`) as `ws`'s owner. */
export async function everyResourceMethod(
  baseUrl: string,
  ws: SandboxWorkspace,
  fetch?: Fetch,
): Promise<string[]> {
  const done: string[] = [];
  const [one] = ws.agents;
  if (!one) throw new Error("the workspace has no agent");
  const agentId = one.agent.id;
  const base = { baseUrl, ...(fetch && { fetch }) };
  const client = createClient({ ...base, credentials: ws.owner.user_key.secret });

  // auth
  const session = await client.auth.authenticate({
    email: ws.owner.user.email,
    password: ws.owner.password,
  });
  const renewed = await client.auth.refresh({ refresh_token: session.refresh_token });
  const revoked = await client.auth.revoke({ token: renewed.refresh_token });
  const me = await client.auth.whoami();
  check(revoked.revoked && me.workspace_id === ws.workspace.id, "auth");
  done.push("auth.authenticate", "auth.refresh", "auth.revoke", "auth.whoami");

  // agents: 25 more make 27, walked 10 a page
  for (let n = 0; n < 25; n++) {
    await client.agents.create({ name: `Agent ${n}`, slug: `extra-${n}` });
  }
  const seen: string[] = [];
  for await (const agent of client.agents.list({ limit: 10 })) seen.push(agent.id);
  check(seen.length === 27 && new Set(seen).size === 27, `27 agents once each, saw ${seen.length}`);
  const created = await client.agents.create({ name: "Temporary", slug: "temporary" });
  const fetched = await client.agents.retrieve(created.id);
  await client.agents.delete(fetched.id);
  const invoker = createClient({ ...base, agentKeys: { [one.agent.slug]: one.key.secret } });
  const answer = await invoker.agents.invoke(one.agent.slug, { input: "ping" });
  check(answer.agent_id === agentId, "agents.invoke");
  done.push("agents.create", "agents.list", "agents.retrieve", "agents.delete", "agents.invoke");

  // keys of agents, of the user, of the workspace and of the team: the same five methods
  const keyed = [
    ["agents.keys", client.agents.keys, agentId],
    ["workspaces.keys", client.workspaces.keys, ws.workspace.id],
    ["teams.keys", client.teams.keys, ws.team.id],
  ] as const;
  for (const [name, keys, owner] of keyed) {
    const key = await keys.create(owner, { name: "rotated" });
    const again = await keys.retrieve(owner, key.id);
    await keys.rotate(owner, again.id, { grace_period: "1m" });
    const ids: string[] = [];
    for await (const listed of keys.list(owner)) ids.push(listed.id);
    check(ids.includes(key.id), `${name}.list`);
    await keys.revoke(owner, key.id);
    done.push(`${name}.create/retrieve/rotate/list/revoke`);
  }
  const mine = await client.me.keys.create({ name: "mine" });
  await client.me.keys.retrieve(mine.id);
  await client.me.keys.rotate(mine.id);
  const myIds: string[] = [];
  for await (const listed of client.me.keys.list()) myIds.push(listed.id);
  check(myIds.includes(mine.id), "me.keys.list");
  await client.me.keys.revoke(mine.id);
  done.push("me.keys.create/retrieve/rotate/list/revoke");

  // jobs and downloads
  const job = await client.jobs.create({ prompt: "Draft", steps: 2 }, { agentId });
  await client.jobs.retrieve(job.id);
  let last = "";
  for await (const event of client.jobs.stream(job.id)) last = event.event;
  check(last === "done", `jobs.stream ended with ${last}`);
  const streamUrl = await client.jobs.streamUrl(job.id);
  check(streamUrl.startsWith(baseUrl) && streamUrl.includes("token="), "jobs.streamUrl");
  const link = await client.downloads.url(agentId, "hello.txt", { expires_in: "10m" });
  check(link.startsWith(baseUrl), "downloads.url");
  const bytes = await client.downloads.retrieve(agentId, "hello.txt");
  check(new TextDecoder().decode(bytes) === `Hello from agent ${agentId}.\n`, "downloads.retrieve");
  done.push("jobs.create", "jobs.retrieve", "jobs.stream", "jobs.streamUrl");
  done.push("downloads.url", "downloads.retrieve");

  // intake, with a team key
  const teamKey = await client.teams.keys.create(ws.team.id, { name: "intake" });
  const team = createClient({ ...base, credentials: teamKey.secret });
  const accepted = await team.intake.send(ws.team.id, { event: "ticket.created" });
  check(accepted.team_id === ws.team.id, "intake.send");
  done.push("intake.send");
  return done;
}
