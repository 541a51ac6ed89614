// A bounded fuzz of the whole request path (issue 7, "Done when"): fast-check with a fixed seed
// sends 5,000 requests over every operation of the spec to the engine in-process, with random
// bodies, headers and paths, valid and invalid credentials, and secrets put everywhere a client
// might put one (percent-encoded too). No answer may be a 5xx, and no answer (headers, or an
// error's body) and no log line may carry a secret that was sent.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "../../../mock/engine/createEngine.js";
import type { LogEntry } from "../../../mock/engine/EngineContext.js";
import { redactSecrets } from "../../../mock/engine/redactSecrets.js";
import { formatLogLine } from "../../../mock/server/formatLogLine.js";
import { operationSecurity } from "../../../src/generated/security.js";
import { BASE, bearer, call, mutate, newWorkspace } from "./engineHarness.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 5_000);
const SEED = 20_261_201;

const operations = Object.entries(operationSecurity).map(([id, op]) => ({
  id,
  method: op.method.toUpperCase(),
  path: op.path,
}));

/** Every credential the fuzz knows: valid ones, and broken, revoked and foreign ones. */
interface Fixtures {
  secrets: string[];
  ids: Record<string, string[]>;
  email: string;
  password: string;
}

/** Ids and credentials of a fresh workspace, and of a second engine the first one never saw. */
async function buildFixtures(engine: Engine, foreign: string[]): Promise<Fixtures> {
  const ws = await newWorkspace(engine);
  const owner = ws.owner.user_key.secret;
  const post = (path: string, json: unknown = {}) =>
    call(engine, path, { method: "POST", headers: bearer(owner), json });
  const agentIds = ws.agents.map((a) => a.agent.id);
  const team = await post(`/v1/teams/${ws.team.id}/keys`, { name: "fuzz" });
  const wsKey = await post(`/v1/w/${ws.workspace.id}/keys`, { name: "fuzz" });
  const revoked = await post("/v1/me/api-keys", { name: "revoked" });
  await call(engine, `/v1/me/api-keys/${revoked.body.id}`, {
    method: "DELETE",
    headers: bearer(owner),
  });
  const session = await call(engine, "/v1/auth/authenticate", {
    method: "POST",
    json: { email: ws.owner.user.email, password: ws.owner.password },
  });
  const download = await post(`/v1/downloads/${agentIds[0]}/hello.txt/token`);
  const job = await call(engine, "/v1/generate", {
    method: "POST",
    headers: { ...bearer(owner), "x-agent-id": agentIds[0] ?? "" },
    json: { prompt: "fuzz", steps: 1 },
  });
  const stream = await post(`/v1/generate/${job.body.id}/stream-token`);
  const valid: string[] = [
    owner,
    ...ws.agents.map((a) => a.key.secret),
    team.body.secret,
    wsKey.body.secret,
    session.body.access_token,
    session.body.refresh_token,
    download.body.token,
    stream.body.token,
  ];
  for (const secret of valid) {
    if (typeof secret !== "string") throw new Error("a fixture credential is missing");
  }
  const jwt = session.body.access_token as string;
  const invalid = [
    revoked.body.secret,
    mutate(owner, owner.length - 1, owner.endsWith("A") ? "B" : "A"),
    owner.replace("_test_", "_live_"),
    `${owner}x`,
    owner.slice(0, -3),
    `${jwt.slice(0, -4)}AAAA`,
    `${jwt.split(".").slice(0, 2).join(".")}.`,
    `${download.body.token}x`,
    ...foreign,
  ];
  return {
    secrets: [...valid, ...invalid],
    ids: {
      agentId: agentIds,
      agentSlug: ws.agents.map((a) => a.agent.slug),
      keyId: [ws.owner.user_key.id, team.body.id, wsKey.body.id, ws.agents[0]?.key.id ?? ""],
      teamId: [ws.team.id],
      workspaceId: [ws.workspace.id],
      jobId: [job.body.id],
      filename: ["hello.txt"],
    },
    email: ws.owner.user.email,
    password: ws.owner.password,
  };
}

/** Every character as %XX, `times` times over. */
function encode(text: string, times: number): string {
  let out = [...text].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, "0")}`).join("");
  for (let i = 1; i < times; i++) out = out.replaceAll("%", "%25");
  return out;
}

/** Plausible bodies per operation, so that valid credentials also reach 2xx answers. */
function plausibleBody(id: string, f: Fixtures, secret: string, n: number): unknown {
  switch (id) {
    case "createAgent":
      return { name: `Fuzz ${n}`, slug: `fuzz-${n}` };
    case "createUserKey":
    case "createWorkspaceKey":
    case "createTeamKey":
    case "createAgentKey":
      return { name: `fuzz-${n}` };
    case "rotateUserKey":
    case "rotateWorkspaceKey":
    case "rotateTeamKey":
    case "rotateAgentKey":
      return { grace_period: "1m" };
    case "createJob":
      return { prompt: "fuzz", steps: 1 };
    case "invokeAgent":
      return { input: "hello" };
    case "authenticate":
      return { email: f.email, password: n % 2 ? f.password : secret };
    case "refreshSession":
      return { refresh_token: secret };
    case "revokeToken":
      return { token: secret };
    case "setSandboxClock":
      return { advance: "1m" };
    case "createSandboxUser":
      return { role: "viewer" };
    default:
      return {};
  }
}

/** Raw choices; turned into a request against the fixtures of the moment (they change on reset). */
const choice = fc.record({
  op: fc.nat({ max: operations.length - 1 }),
  method: fc.constantFrom("op", "op", "op", "op", "op", "op", "op", "PUT", "PATCH", "DELETE"),
  unknownPath: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  params: fc.array(
    fc.oneof(
      fc.constant("id"),
      fc.constant("id"),
      fc.constant("secret"),
      fc.constant("encoded"),
      fc.string({ maxLength: 12 }),
    ),
    { minLength: 3, maxLength: 3 },
  ),
  credential: fc.constantFrom(
    "none",
    "bearer",
    "bearer",
    "x-api-key",
    "api-key",
    "basic",
    "raw",
    "query",
    "two",
  ),
  cred: fc.nat(),
  other: fc.nat(),
  encodings: fc.integer({ min: 1, max: 3 }),
  extraHeaders: fc.subarray(["x-agent-id", "idempotency-key", "last-event-id", "x-custom"]),
  headerValue: fc.constantFrom("secret", "agent", "junk"),
  query: fc.constantFrom("", "", "", "limit", "cursor", "api_key", "token", "secretName"),
  body: fc.oneof(
    fc.constant({ kind: "none" as const }),
    fc.constant({ kind: "plausible" as const }),
    fc.constant({ kind: "plausible" as const }),
    fc.record({ kind: fc.constant("json" as const), value: fc.jsonValue({ maxDepth: 3 }) }),
    fc.record({ kind: fc.constant("text" as const), value: fc.string({ maxLength: 40 }) }),
    fc.constant({ kind: "secret" as const }),
    fc.constant({ kind: "secretName" as const }),
  ),
  contentType: fc.constantFrom(
    "application/json",
    "application/json",
    "application/json",
    "text/plain",
    "application/problem+json",
    "none",
  ),
  n: fc.nat(),
});

type Choice = typeof choice extends fc.Arbitrary<infer T> ? T : never;

function buildRequest(c: Choice, f: Fixtures): { request: Request; bodyText: string; id: string } {
  const op = operations[c.op] as (typeof operations)[number];
  const secret = f.secrets[c.cred % f.secrets.length] as string;
  const other = f.secrets[c.other % f.secrets.length] as string;
  let i = 0;
  let path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const kind = c.params[i++ % c.params.length] as string;
    const ids = f.ids[name] ?? ["x"];
    if (kind === "id") return ids[c.n % ids.length] as string;
    if (kind === "secret") return secret;
    if (kind === "encoded") return encode(secret, c.encodings);
    return encodeURIComponent(kind);
  });
  if (c.unknownPath)
    path = `/v1/${c.params[0] === "encoded" ? encode(secret, c.encodings) : secret}`;
  const method = c.method === "op" ? op.method : c.method;
  const headers = new Headers();
  const query = new URLSearchParams();
  switch (c.credential) {
    case "bearer":
      headers.set("authorization", `Bearer ${secret}`);
      break;
    case "x-api-key":
    case "api-key":
      headers.set(c.credential, secret);
      break;
    case "basic":
      headers.set("authorization", `Basic ${btoa(`x:${secret}`)}`);
      break;
    case "raw":
      headers.set("authorization", secret);
      break;
    case "query":
      query.set("token", secret);
      break;
    case "two":
      headers.set("authorization", `Bearer ${secret}`);
      headers.set("x-api-key", other);
      break;
  }
  for (const name of c.extraHeaders) {
    const agent = f.ids.agentId?.[c.n % 2] ?? "agt_x";
    headers.set(
      name,
      c.headerValue === "secret" ? other : c.headerValue === "agent" ? agent : `j${c.n}`,
    );
  }
  if (c.query === "limit") query.set("limit", String(c.n % 150));
  else if (c.query === "secretName") query.set(other, "1");
  else if (c.query !== "") query.set(c.query, other);
  let bodyText = "";
  if (method !== "GET" && method !== "HEAD") {
    const body = c.body;
    if (body.kind === "plausible") {
      bodyText = JSON.stringify(plausibleBody(op.id, f, other, c.n));
    } else if (body.kind === "json") bodyText = JSON.stringify(body.value) ?? "";
    else if (body.kind === "text") bodyText = body.value;
    else if (body.kind === "secret") bodyText = `{"name": "${other}", "input": ${other}}`;
    else if (body.kind === "secretName") {
      // A secret as a property name: field errors name the property.
      const plausible = plausibleBody(op.id, f, "x", c.n) as Record<string, unknown>;
      bodyText = JSON.stringify({ ...plausible, [other]: c.n % 2 ? 1 : { nested: true } });
    }
    if (c.contentType !== "none" && bodyText !== "") headers.set("content-type", c.contentType);
  }
  const search = query.size > 0 ? `?${query}` : "";
  const request = new Request(`${BASE}${path}${search}`, {
    method,
    headers,
    body: bodyText === "" ? undefined : bodyText,
  });
  return { request, bodyText, id: op.id };
}

describe("bounded fuzz of the sandbox's edges", () => {
  const logs: LogEntry[] = [];
  let engine: Engine;
  let fixtures: Fixtures;
  let saved: ReturnType<Engine["snapshot"]>;
  const newEngine = (state?: ReturnType<Engine["snapshot"]>) =>
    createEngine({ strict: true, streamIntervalMs: 0, logger: (e) => logs.push(e), state });

  beforeAll(async () => {
    // Keys and a session from another sandbox: well-formed, with tags and signatures that this
    // one cannot verify.
    const other = createEngine();
    const ws = await newWorkspace(other);
    const session = await call(other, "/v1/auth/authenticate", {
      method: "POST",
      json: { email: ws.owner.user.email, password: ws.owner.password },
    });
    const foreign = [
      ws.owner.user_key.secret,
      session.body.access_token,
      session.body.refresh_token,
    ];
    engine = newEngine();
    fixtures = await buildFixtures(engine, foreign);
    saved = engine.snapshot();
  });

  it("answers 5,000 random requests over every operation with no 5xx and no secret echoed", async () => {
    const statuses = new Map<number, number>();
    const perOperation = new Map<string, number>();
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(choice, async (c) => {
        const { request, bodyText, id } = buildRequest(c, fixtures);
        perOperation.set(id, (perOperation.get(id) ?? 0) + 1);
        const response = await engine.fetch(request);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const isStream = response.headers.get("content-type")?.startsWith("text/event-stream");
        // An event stream runs as long as its job: its headers are checked, its events are not.
        if (isStream) await response.body?.cancel();
        const text = isStream ? "" : await response.text();
        const head = [...response.headers].map(([n, v]) => `${n}: ${v}`).join("\n");
        const what = `${request.method} ${request.url} → ${response.status}`;
        // Failure messages go through the redaction too: test output holds no secret either.
        const fail = (why: string, shown: string) =>
          expect.fail(redactSecrets(`${what}: ${why}\n${shown}`));
        // Plain checks, one expect per finding: 5,000 × every secret of vitest's expect is slow.
        if (response.status >= 500) fail("a 5xx", text);
        for (const secret of fixtures.secrets) {
          if (head.includes(secret)) fail("a secret in the headers", head);
          // A 2xx may return what the body stored (an agent's name, an echo from invoke).
          if (response.status < 300 && bodyText.includes(secret)) continue;
          if (text.includes(secret)) fail("a secret in the body", text);
        }
        if (id === "resetSandbox" && response.status === 200) {
          // Everything is gone: the fixtures come back from a snapshot (cheaper than making them
          // again), so valid credentials stay valid for the runs that follow.
          engine = newEngine(saved);
          await engine.ready;
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    const ms = performance.now() - started;
    const twoHundreds = [...statuses].filter(([s]) => s < 300).reduce((a, [, n]) => a + n, 0);
    console.info(
      `fuzz: ${RUNS} requests in ${Math.round(ms)} ms; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    // Every operation was exercised, and valid credentials got through often enough to matter.
    for (const op of operations) expect(perOperation.get(op.id) ?? 0, op.id).toBeGreaterThan(40);
    expect(twoHundreds).toBeGreaterThan(RUNS / 20);
    // Log lines: no secret, valid or not, whatever the path carried.
    // Every request is logged but reads of the request journal (an open inspector polls it).
    const journalReads =
      (perOperation.get("listSandboxRequests") ?? 0) + (perOperation.get("getSandboxRequest") ?? 0);
    expect(logs.length).toBeGreaterThanOrEqual(RUNS - journalReads);
    for (const entry of logs) {
      const line = formatLogLine(entry);
      for (const secret of fixtures.secrets) {
        if (line.includes(secret)) expect.fail(`a secret in a log line: ${redactSecrets(line)}`);
      }
    }
  }, 120_000);
});
