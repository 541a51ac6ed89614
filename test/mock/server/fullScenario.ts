// One run through every operation of the API (happy paths) and the common ways to get it wrong,
// over plain HTTP. It collects every secret it is given, so callers can look for them where
// none may appear (logs, the state file), and every call, so the Prism contract test can check
// each response. It asserts nothing itself: statuses are the scenario suites' job.
import type { components } from "../../../src/generated/schema.js";

type Schemas = components["schemas"];

export interface Call {
  method: string;
  path: string;
  status: number;
  headers: Headers;
}

export interface ScenarioRun {
  /** Every credential and password the server issued during the run. */
  secrets: string[];
  calls: Call[];
}

/** `reset: true` ends with POST /_sandbox/reset, which forgets everything the run made. */
export async function runFullScenario(
  baseUrl: string,
  options: { reset?: boolean } = {},
): Promise<ScenarioRun> {
  const secrets: string[] = [];
  const calls: Call[] = [];
  const keep = (...values: (string | undefined)[]) => {
    for (const value of values) if (value) secrets.push(value);
  };

  // biome-ignore lint/suspicious/noExplicitAny: the run reads fields of many response shapes.
  const call = async <T = any>(
    method: string,
    path: string,
    options: { auth?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<T> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.auth) headers.authorization = `Bearer ${options.auth}`;
    if (options.body !== undefined) headers["content-type"] = "application/json";
    const reply = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await reply.text();
    calls.push({ method, path, status: reply.status, headers: reply.headers });
    return (
      /json/.test(reply.headers.get("content-type") ?? "") && text ? JSON.parse(text) : {}
    ) as T;
  };

  // Fixtures and the sandbox controls.
  const ws = await call<Schemas["SandboxWorkspace"]>("POST", "/_sandbox/workspaces", {
    body: { name: "full scenario" },
  });
  keep(ws.owner.password, ws.owner.user_key.secret, ...ws.agents.map((a) => a.key.secret));
  const owner = ws.owner.user_key.secret;
  const wsId = ws.workspace.id;
  const [one, two] = ws.agents;
  const agentId = one?.agent.id ?? "";
  const member = await call<Schemas["SandboxUser"]>("POST", `/_sandbox/workspaces/${wsId}/users`, {
    body: { role: "member", team_member: true },
  });
  keep(member.password, member.user_key.secret);
  await call("GET", "/_sandbox/clock");
  await call("GET", "/_sandbox/health");
  await call("GET", "/.well-known/jwks.json");
  // No outside issuer is trusted here: the link is refused (400), which the spec declares.
  await call("POST", "/_sandbox/identities", {
    body: { issuer: "https://idp.example.test", subject: "idp|member", user_id: member.user.id },
  });

  // Sessions.
  const session = await call<Schemas["Session"]>("POST", "/v1/auth/authenticate", {
    body: { email: member.user.email, password: member.password },
  });
  keep(session.access_token, session.refresh_token);
  const renewed = await call<Schemas["Session"]>("POST", "/v1/auth/refresh", {
    body: { refresh_token: session.refresh_token },
  });
  keep(renewed.access_token, renewed.refresh_token);
  await call("GET", "/v1/auth/whoami", { auth: renewed.access_token });
  await call("GET", "/v1/auth/whoami", { auth: owner, headers: { "x-agent-id": agentId } });

  // Agents.
  await call("GET", "/v1/agents?limit=1", { auth: owner });
  const agent = await call<Schemas["Agent"]>("POST", "/v1/agents", {
    auth: owner,
    body: { name: "Scratch", slug: "scratch" },
  });
  await call("GET", `/v1/agents/${agent.id}`, { auth: owner });
  await call("DELETE", `/v1/agents/${agent.id}`, { auth: owner });

  // The four key families: create, list, get, rotate (with grace), revoke.
  const families = [
    { base: "/v1/me/api-keys", body: { name: "laptop", expires_in: "90d" } },
    { base: `/v1/w/${wsId}/keys`, body: { name: "ci", scopes: ["agents:read"] } },
    { base: `/v1/teams/${ws.team.id}/keys`, body: { name: "webhook" } },
    { base: `/v1/agents/${agentId}/api-keys`, body: { name: "bot" } },
  ];
  const issued: Record<string, string> = {};
  const ids: Record<string, string> = {};
  for (const { base, body } of families) {
    const key = await call<Schemas["KeyWithSecret"]>("POST", base, { auth: owner, body });
    keep(key.secret);
    issued[base] = key.secret;
    ids[base] = key.id;
    await call("GET", base, { auth: owner });
    await call("GET", `${base}/${key.id}`, { auth: owner });
    const rotated = await call<Schemas["KeyWithSecret"]>("POST", `${base}/${key.id}/rotate`, {
      auth: owner,
      body: { grace_period: "10m" },
    });
    keep(rotated.secret);
    issued[base] = rotated.secret;
    // The team key is revoked after it has posted to the intake, below.
    if (base !== `/v1/teams/${ws.team.id}/keys`) {
      await call("DELETE", `${base}/${key.id}`, { auth: owner });
    }
  }

  // Invoke, jobs and their stream, downloads, intake.
  await call("POST", "/v1/invoke/agent-one", { auth: one?.key.secret, body: { input: "hi" } });
  const job = await call<Schemas["Job"]>("POST", "/v1/generate", {
    auth: owner,
    headers: { "x-agent-id": agentId },
    body: { prompt: "a haiku", steps: 2 },
  });
  await call("GET", `/v1/generate/${job.id}/stream`, { auth: owner });
  await call("GET", `/v1/generate/${job.id}`, { auth: owner });
  const streamToken = await call<Schemas["SignedToken"]>(
    "POST",
    `/v1/generate/${job.id}/stream-token`,
    { auth: owner, body: {} },
  );
  keep(streamToken.token);
  await call("GET", pathOf(streamToken.url), { headers: { "last-event-id": "1" } });
  const download = await call<Schemas["SignedToken"]>(
    "POST",
    `/v1/downloads/${agentId}/hello.txt/token`,
    { auth: owner, body: { expires_in: "10m" } },
  );
  keep(download.token);
  await call("GET", pathOf(download.url));
  await call("GET", `/v1/downloads/${agentId}/hello.txt`, { auth: owner });
  await call("POST", `/v1/intake/${ws.team.id}`, {
    auth: issued[`/v1/teams/${ws.team.id}/keys`],
    body: { event: "ticket.created", payload: { subject: "Printer on fire" } },
  });
  await call("DELETE", `/v1/teams/${ws.team.id}/keys/${ids[`/v1/teams/${ws.team.id}/keys`]}`, {
    auth: owner,
  });

  // Ways to get it wrong: each must still be a well-formed answer.
  await call("GET", "/v1/agents");
  await call("GET", "/v1/agents", { auth: "lk_usr_test_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" });
  await call("GET", "/v1/agents", { auth: "lk_usr_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" });
  await call("GET", `/v1/agents?api_key=${owner}`);
  await call("GET", "/v1/agents", {
    auth: owner,
    headers: { "x-api-key": member.user_key.secret },
  });
  await call("GET", "/v1/agents", { auth: two?.key.secret });
  await call("POST", "/v1/agents", { auth: owner, body: { name: "" } });
  await call("POST", "/v1/agents", { auth: owner, body: { name: "Again", slug: "agent-one" } });
  await call("GET", `/v1/agents/agt_0000000000000000`, { auth: owner });
  await call("POST", "/v1/generate", { auth: owner, body: { prompt: "no agent given" } });
  await call("POST", "/v1/auth/refresh", { body: { refresh_token: session.refresh_token } });
  await call("GET", "/v1/auth/whoami", { auth: renewed.access_token });
  await call("POST", "/v1/auth/authenticate", {
    body: { email: member.user.email, password: "wrong password" },
  });

  // Fault rules (POST /_sandbox/faults): every faulted answer keeps the contract too.
  const fault = (match: Record<string, string>, action: Record<string, unknown>) =>
    call("POST", "/_sandbox/faults", { body: { workspace_id: wsId, match, action } });
  await fault({ operation_id: "listAgents" }, { type: "status", status: 503, retry_after: 1 });
  await call("GET", "/v1/agents", { auth: owner });
  await fault({ method: "POST", path: "/v1/agents" }, { type: "status", status: 429 });
  await call("POST", "/v1/agents", { auth: owner, body: { name: "Faulted", slug: "faulted" } });
  await fault({ credential_kind: "session" }, { type: "token_expired" });
  await call("GET", "/v1/auth/whoami", { auth: renewed.access_token });
  await fault({ operation_id: "authenticate" }, { type: "status", status: 503 });
  await call("POST", "/v1/auth/authenticate", {
    body: { email: ws.owner.user.email, password: ws.owner.password },
  });
  await call("GET", `/_sandbox/faults?workspace_id=${wsId}`);
  await call("DELETE", `/_sandbox/faults?workspace_id=${wsId}`);

  // The request journal: every filter, a page, one entry with its chain, and one it lacks.
  const listed = await call<Schemas["RequestEntryList"]>(
    "GET",
    `/_sandbox/requests?workspace_id=${wsId}&status=403&credential_kind=user_key&limit=2`,
  );
  await call(
    "GET",
    `/_sandbox/requests?operation_id=listAgents&limit=1${listed.next_cursor ? `&cursor=${listed.next_cursor}` : ""}`,
  );
  const journaled = [...calls].reverse().find((c) => !c.path.startsWith("/_sandbox/requests"));
  await call("GET", `/_sandbox/requests/${journaled?.headers.get("x-request-id")}`);
  await call("GET", "/_sandbox/requests/req_0000000000000000");

  // Revocation, then the clock (last, since it moves time for everything after).
  await call("POST", "/v1/auth/revoke", { body: { token: renewed.refresh_token } });
  await call("POST", "/_sandbox/clock", { body: { advance: "1m" } });
  if (options.reset) await call("POST", "/_sandbox/reset");
  return { secrets, calls };
}

/** The path and query of a minted link: the run sends it through its own base URL (a proxy). */
function pathOf(url: string | undefined): string {
  const parsed = new URL(url ?? "/", "http://unused.invalid");
  return `${parsed.pathname}${parsed.search}`;
}
