// The SDK's promise "runs anywhere with fetch" (docs/decisions/runs-anywhere.md), checked on the BUILT dist/index.js
// under Node, Deno and Bun by scripts/test-runtimes.mjs. Plain JavaScript with nothing but web
// APIs, so every runtime runs this very file. Talks to a standalone sandbox whose URL comes in
// LATCHKEY_SANDBOX_URL (or as the first argument). Prints one `ok …` line, or throws (exit 1).
import {
  AuthenticationError,
  createClient,
  isApiError,
  PermissionDeniedError,
  unwrap,
} from "../../dist/index.js";

const runtime = globalThis.Deno
  ? `deno ${globalThis.Deno.version.deno}`
  : globalThis.Bun
    ? `bun ${globalThis.Bun.version}`
    : `node ${process.version}`;
const baseUrl = (process.env.LATCHKEY_SANDBOX_URL ?? process.argv[2] ?? "").replace(/\/+$/, "");
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(baseUrl)) {
  throw new Error("set LATCHKEY_SANDBOX_URL to the sandbox's http://127.0.0.1:<port> URL");
}
const started = performance.now();
// Nothing here should take long; a hung stream or request must fail, not stall CI.
const watchdog = setTimeout(() => {
  console.error(`smoke on ${runtime}: still running after 30 s`);
  process.exit(1);
}, 30_000);
let checks = 0;

function check(condition, what) {
  if (!condition) throw new Error(`smoke on ${runtime}: ${what}`);
  checks++;
}

/** A sandbox control call (no credential): these exist only in the sandbox. */
async function sandbox(path, body) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** The typed error a failed call stands for (unwrap throws it). */
async function failure(call) {
  try {
    await unwrap(call);
  } catch (error) {
    return error;
  }
  throw new Error(`smoke on ${runtime}: the call succeeded but should have failed`);
}

const fixture = await sandbox("/_sandbox/workspaces", { name: `runtime smoke on ${runtime}` });
const [agentOne] = fixture.agents;

// A user key: the agents of its workspace, and the request id from the response.
const owner = createClient({ baseUrl, credentials: fixture.owner.user_key.secret });
const listed = await owner.GET("/v1/agents");
check(listed.response.status === 200, `GET /v1/agents answered ${listed.response.status}`);
check(listed.data?.data.length === 2, "the workspace should have two agents");
check(/^req_/.test(listed.response.headers.get("X-Request-Id") ?? ""), "X-Request-Id is missing");

// 401: a well-formed key with a forged tag is refused before any lookup.
const forged = createClient({ baseUrl, credentials: `lk_usr_test_${"A".repeat(32)}` });
const unauthorized = await failure(forged.GET("/v1/agents"));
check(unauthorized instanceof AuthenticationError, `expected AuthenticationError: ${unauthorized}`);
check(
  unauthorized.status === 401 && unauthorized.code === "token_malformed",
  "401 token_malformed",
);
check(unauthorized.wwwAuthenticate?.error === "invalid_token", "WWW-Authenticate invalid_token");

// 403: a viewer's key lacks agents:write, and the error says which scope is required.
const viewer = await sandbox(`/_sandbox/workspaces/${fixture.workspace.id}/users`, {
  role: "viewer",
});
const asViewer = createClient({ baseUrl, credentials: viewer.user_key.secret });
const forbidden = await failure(
  asViewer.POST("/v1/agents", { body: { name: "Nope", slug: "nope" } }),
);
check(forbidden instanceof PermissionDeniedError, `expected PermissionDeniedError: ${forbidden}`);
check(
  forbidden.status === 403 && forbidden.code === "insufficient_scope",
  "403 insufficient_scope",
);
check(
  JSON.stringify(forbidden.requiredScopes) === '["agents:write"]',
  `requiredScopes ${JSON.stringify(forbidden.requiredScopes)}`,
);
check(isApiError(forbidden) && /^req_/.test(forbidden.requestId ?? ""), "requestId on the error");

// A session: sign in, then the sandbox clock passes the access token's expiry, the API answers
// 401 token_expired, and the SDK refreshes once and replays the call.
const tokens = [];
const session = createClient({
  baseUrl,
  credentials: { email: fixture.owner.user.email, password: fixture.owner.password },
  onTokens: (issued) => {
    tokens.push(issued);
  },
});
const before = await unwrap(session.GET("/v1/auth/whoami"));
check(before.principal.kind === "session", `whoami kind ${before.principal.kind}`);
check(tokens.length === 1, `expected one sign-in, got ${tokens.length} token sets`);
await sandbox("/_sandbox/clock", { advance: "16m" });
try {
  const after = await unwrap(session.GET("/v1/auth/whoami"));
  check(after.principal.kind === "session", "whoami after refresh");
  check(tokens.length === 2, `expected one refresh, got ${tokens.length - 1}`);
  check(tokens[1].accessToken !== tokens[0].accessToken, "the refresh issued a new access token");
} finally {
  // Other runtimes use the same sandbox after this one.
  await sandbox("/_sandbox/clock", { set: new Date().toISOString() });
}

// streamJob: a job's progress events, then done.
const job = await unwrap(
  owner.withAgent(agentOne.agent.id).POST("/v1/generate", { body: { prompt: "smoke", steps: 3 } }),
);
const events = [];
for await (const event of owner.jobs.stream(job.id)) events.push(event);
const kinds = events.map((event) => event.event).join(",");
check(kinds === "progress,progress,progress,done", `stream events ${kinds}`);
check(events[2].data.progress === 100, `last progress ${events[2].data.progress}`);
check(events[3].data.status === "succeeded", `done status ${events[3].data.status}`);

clearTimeout(watchdog);
const ms = Math.round(performance.now() - started);
console.log(`ok ${runtime}: ${checks} checks passed in ${ms} ms`);
