// The credential stage of the pipeline, one rule a test: which step of the decision each outcome
// is recorded as (the journal and the answer are built from those steps), and whose budget the
// per-credential rate limit counts a request against.
import { describe, expect, it } from "vitest";
import { authorizeRequest } from "../../../mock/engine/authorizeRequest.js";
import type { EngineRequest } from "../../../mock/engine/EngineRequest.js";
import { ProblemError } from "../../../mock/engine/ProblemError.js";
import { createRequestState, type RequestState } from "../../../mock/engine/RequestState.js";
import { createRateLimiter } from "../../../mock/engine/rateLimiter.js";
import type { UserRecord } from "../../../mock/engine/types.js";
import type { OperationId } from "../../../src/generated/security.js";
import { authServices } from "./authServices.js";
import { operation } from "./ruleHarness.js";

function request(headers: Record<string, string> = {}): EngineRequest {
  return {
    method: "GET",
    path: "/v1/agents",
    query: "",
    body: null,
    headers: { get: (name) => headers[name] ?? null },
  };
}

const newState = () => createRequestState("req_0000000000000000");

/** The (check, outcome) pairs of a trail, in order. */
function steps(state: RequestState): string[] {
  const { trail } = state.decision;
  const pairs: string[] = [];
  for (let i = 0; i < trail.length; i += 3) pairs.push(`${trail[i]} ${trail[i + 1]}`);
  return pairs;
}

interface Outcome {
  state: RequestState;
  principal?: unknown;
  problem?: ProblemError;
}

function setup(limit?: number) {
  const t = authServices();
  t.addUser("owner");
  const rateLimiter =
    limit === undefined ? null : createRateLimiter(limit, 60_000, t.services.clock);
  const parts = { auth: t.services, rateLimiter };
  /** Runs the stage on one request; its principal or problem, with the steps it recorded. */
  const run = async (
    headers: Record<string, string>,
    id: OperationId = "listAgents",
  ): Promise<Outcome> => {
    const state = newState();
    try {
      return {
        state,
        principal: await authorizeRequest(request(headers), state, operation(id), {}, null, parts),
      };
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      return { state, problem: error };
    }
  };
  return { t, run };
}

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
const ALL_CHECKS = ["credential_kind pass", "scope pass", "workspace skip", "resource skip"];

describe("authorizeRequest", () => {
  it("records a public operation as a skipped credential step, with no principal", async () => {
    const { state, principal } = await setup().run({}, "getJwks");
    expect(principal).toBeNull();
    expect(steps(state)).toEqual(["credential skip"]);
  });

  it("records a request without a credential as the failing credential step", async () => {
    const { state, problem } = await setup().run({});
    expect(problem?.code).toBe("credentials_missing");
    expect(steps(state)).toEqual(["credential fail"]);
  });

  it("records two different credentials as the failing credential step", async () => {
    const { t, run } = setup();
    const { secret } = t.addKey("workspace_key", { scopes: ["agents:read"] });
    const { state, problem } = await run({ ...bearer(secret), "x-api-key": `${secret}x` });
    expect(problem?.code).toBe("invalid_request");
    expect(steps(state)).toEqual(["credential fail"]);
  });

  it("records an unknown key as the failing authenticate step, after the credential passed", async () => {
    const { t, run } = setup();
    const { secret } = t.addKey("workspace_key");
    t.store.delete("keys", "key_workspace_key");
    const { state, problem } = await run(bearer(secret));
    expect(problem?.code).toBe("token_unknown");
    expect(steps(state)).toEqual(["credential pass", "authenticate fail"]);
  });

  it("records a session refused while verified (asynchronously) as the failing authenticate step", async () => {
    const { t, run } = setup();
    const user = t.store.users.get("usr_1") as UserRecord;
    const { access_token } = await t.sessions.issue(user);
    t.sessions.clearCache();
    for (const id of [...t.store.families.keys()]) t.store.delete("families", id);
    const { state, problem } = await run(bearer(access_token));
    expect(problem?.code).toBe("token_unknown");
    expect(steps(state)).toEqual(["credential pass", "authenticate fail"]);
  });

  it("records a key that may act as every step passed, in order, and keeps its principal", async () => {
    const { t, run } = setup(10);
    const { secret } = t.addKey("workspace_key", { scopes: ["agents:read"] });
    const { state, principal } = await run(bearer(secret));
    expect(principal).toMatchObject({ kind: "workspace_key", id: "key_workspace_key" });
    expect(state.principal).toBe(principal);
    expect(steps(state)).toEqual([
      "credential pass",
      "authenticate pass",
      "rate_limit pass",
      ...ALL_CHECKS,
    ]);
    expect(state.rateHeaders).toMatchObject({ "ratelimit-limit": "10" });
  });

  it("records a credential over its budget as the failing rate_limit step, with its 429", async () => {
    const { t, run } = setup(1);
    const { secret } = t.addKey("workspace_key", { scopes: ["agents:read"] });
    await run(bearer(secret));
    const { state, problem } = await run(bearer(secret));
    expect(problem).toMatchObject({ status: 429, code: "rate_limited" });
    expect(problem?.detail).toMatch(
      /^Too many requests for this credential; retry after \d+ seconds\.$/,
    );
    expect(steps(state)).toEqual(["credential pass", "authenticate pass", "rate_limit fail"]);
  });

  it("counts every credential of one user against one budget, and other credentials apart", async () => {
    const { t, run } = setup(1);
    t.addUser("owner", "usr_2");
    const userKey = (id: string, userId: string) =>
      t.addKey("user_key", {
        id,
        userId,
        owner: { type: "user", id: userId },
        scopes: ["agents:read"],
      }).secret;
    const workspaceKey = (id: string) =>
      t.addKey("workspace_key", { id, scopes: ["agents:read"] }).secret;
    const codes = [];
    for (const secret of [
      userKey("key_a1", "usr_1"),
      userKey("key_a2", "usr_1"),
      userKey("key_b1", "usr_2"),
      workspaceKey("key_w1"),
      workspaceKey("key_w2"),
    ]) {
      codes.push((await run(bearer(secret))).problem?.code ?? "ok");
    }
    // usr_1's second key shares its user's budget; usr_2 and each workspace key have their own.
    expect(codes).toEqual(["ok", "rate_limited", "ok", "ok", "ok"]);
  });
});
