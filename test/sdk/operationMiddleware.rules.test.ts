// The SDK's per-operation middleware, one rule each, called directly as openapi-fetch calls it:
// which credential a call carries, whether the transport may renew it after `token_expired`,
// what a request outside the base URL gets (nothing), and that the call's plan is bound to the
// Request — the one the SDK's last middleware sees, even when a user's middleware made a new one.
import type { Middleware, MiddlewareCallbackParams } from "openapi-fetch";
import { describe, expect, it, vi } from "vitest";
import { planOf, planOfCall } from "../../src/callPlan.js";
import type { CredentialSource } from "../../src/credentials/CredentialSource.js";
import { operationMiddleware } from "../../src/operationMiddleware.js";
import { accessToken, BASE, keys } from "./scriptedFetch.js";

const SLUG = "agent-one";
const INVOKE = { schemaPath: "/v1/invoke/{agentSlug}", method: "POST", path: `/v1/invoke/${SLUG}` };
const LIST = { schemaPath: "/v1/agents", method: "GET", path: "/v1/agents" };

/** A session-like source (it can renew) or a fixed one (it cannot). */
const renewing = (token: unknown): CredentialSource => ({
  kind: "session",
  description: "session",
  token: vi.fn(() => token as string),
  renew: async () => accessToken(2),
});
const fixed = (token: string): CredentialSource => ({
  kind: "user_key",
  description: "user_key",
  token: vi.fn(() => token),
});

/** Runs `middleware` (the SDK's by default) on one request of `call`, as openapi-fetch would. */
async function run(
  source: CredentialSource | undefined,
  call: { schemaPath: string; method: string; path: string } = LIST,
  extra: {
    agentKeys?: Record<string, string>;
    agentId?: string;
    url?: string;
    bindsLater?: (options: object) => boolean;
  } = {},
) {
  const middleware = operationMiddleware({
    source,
    agentKeys: extra.agentKeys && new Map(Object.entries(extra.agentKeys)),
    scheme: "bearerAuth",
    prefix: BASE,
    agentId: extra.agentId,
    bindsLater: extra.bindsLater,
  });
  const request = new Request(extra.url ?? BASE + call.path, { method: call.method });
  const options = {};
  const params = call === INVOKE ? { path: { agentSlug: SLUG } } : {};
  const result = await middleware.onRequest?.({
    request,
    schemaPath: call.schemaPath,
    params,
    options,
    id: "call-1",
  } as unknown as MiddlewareCallbackParams);
  return { request, result, plan: planOfCall(options) };
}

describe("operationMiddleware", () => {
  it("a session's credential is renewable, and the plan bound to the request says so", async () => {
    const { request, result, plan } = await run(renewing(accessToken(1)));
    expect(result).toBeUndefined();
    expect(request.headers.get("Authorization")).toBe(`Bearer ${accessToken(1)}`);
    expect(plan).toEqual({
      credential: { header: "Authorization", bearer: true, renewable: true, token: accessToken(1) },
    });
    expect(planOf(request)).toBe(plan);
  });

  it("a credential whose source cannot renew (a fixed key) is not renewable", async () => {
    const { request, plan } = await run(fixed(keys.user));
    expect(request.headers.get("Authorization")).toBe(`Bearer ${keys.user}`);
    expect(plan?.credential).toEqual({
      header: "Authorization",
      bearer: true,
      renewable: false,
      token: keys.user,
    });
  });

  it("an agent key is never renewable, even on a client whose session is", async () => {
    const source = renewing(accessToken(1));
    const { request, plan } = await run(source, INVOKE, { agentKeys: { [SLUG]: keys.agentOne } });
    expect(request.headers.get("Authorization")).toBe(`Bearer ${keys.agentOne}`);
    expect(plan?.credential).toEqual({
      header: "Authorization",
      bearer: true,
      renewable: false,
      token: keys.agentOne,
    });
    expect(source.token).not.toHaveBeenCalled();
  });

  it("a request outside the base URL gets no credential, agent id or key, and the source is not asked", async () => {
    const source = renewing(accessToken(1));
    const { request, plan } = await run(source, INVOKE, {
      agentId: "agt_0000000000000001",
      url: `https://elsewhere.example.test${INVOKE.path}`,
    });
    expect([...request.headers.keys()]).toEqual([]);
    expect(source.token).not.toHaveBeenCalled();
    expect(plan).toEqual({ credential: undefined });
    expect(planOf(request)).toBe(plan);
  });

  it("a provider that returns no token (untyped JavaScript) sends no credential", async () => {
    const { request, plan } = await run(renewing(undefined));
    expect(request.headers.get("Authorization")).toBeNull();
    expect(plan?.credential).toBeUndefined();
  });

  it("a provider whose promise resolves to no token sends no credential (not 'Bearer undefined')", async () => {
    const source = {
      ...renewing(accessToken(1)),
      token: async () => undefined as unknown as string,
    };
    const { request, plan } = await run(source);
    expect(request.headers.get("Authorization")).toBeNull();
    expect(plan?.credential).toBeUndefined();
  });

  it("a token from a promise is attached when it resolves", async () => {
    const source = { ...renewing(accessToken(1)), token: async () => accessToken(3) };
    const { request, plan } = await run(source);
    expect(request.headers.get("Authorization")).toBe(`Bearer ${accessToken(3)}`);
    expect(plan?.credential?.token).toBe(accessToken(3));
  });

  it("a token with a line break is refused as 'the credential', never quoted", async () => {
    const secret = `${accessToken(1)}\r\nX-Evil: 1`;
    const error = await run(renewing(secret)).catch((e: unknown) => e);
    expect(error).toEqual(
      new TypeError(
        "latchkey: the credential holds a line break or NUL, which no header may carry",
      ),
    );
    expect(String(error)).not.toContain(accessToken(1));
  });

  it("the call's plan is kept for a later middleware only when one runs after the SDK's", async () => {
    const later = await run(fixed(keys.user), LIST, { bindsLater: () => true });
    expect(later.plan?.credential?.token).toBe(keys.user);
    const none = await run(fixed(keys.user), LIST, { bindsLater: () => false });
    expect(none.plan).toBeUndefined();
    // The request itself carries the plan either way: the transport reads it from there.
    expect(planOf(none.request)?.credential?.token).toBe(keys.user);
  });

  it("the last middleware binds the call's plan to the Request a user's middleware made", async () => {
    // Loaded afresh: the middleware object is built while its module loads, and only a fresh
    // load sees a changed build of it (as the mutation run makes).
    vi.resetModules();
    const fresh = await import("../../src/operationMiddleware.js");
    const plans = await import("../../src/callPlan.js");
    const options = {};
    const plan = { credential: undefined };
    plans.startPlan(options, plan);
    const made = new Request(`${BASE}/v1/agents`, { headers: { "X-Trace": "1" } });
    const result = await (fresh.bindMiddleware as Required<Middleware>).onRequest({
      request: made,
      options,
    } as unknown as MiddlewareCallbackParams);
    expect(result).toBeUndefined();
    expect(plans.planOf(made)).toBe(plan);
  });
});
