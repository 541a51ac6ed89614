// Each rule of `authenticate`, alone, against a store holding exactly what the rule reads.
import { describe, expect, it, vi } from "vitest";
import { authenticate } from "../../../mock/engine/authenticate.js";
import type { Credential } from "../../../mock/engine/extractCredential.js";
import type { SessionClaims } from "../../../mock/engine/verifySessionToken.js";
import { roles } from "../../../src/generated/security.js";
import { authServices, T0 } from "./authServices.js";
import { problemOf } from "./ruleHarness.js";

const bearer = (value: string): Credential => ({ value, scheme: "bearerAuth" });
const HOUR = 3_600_000;

function invalidToken(code: string, detail: string) {
  return {
    status: 401,
    code,
    detail,
    headers: {
      "www-authenticate": `Bearer realm="latchkey", error="invalid_token", error_description="${detail}"`,
    },
  };
}

describe("authenticate: opaque keys", () => {
  it("a key is the principal of its record: kind, id, scheme, workspace, expiry", async () => {
    const t = authServices();
    t.addUser();
    const { secret } = t.addKey("workspace_key", { scopes: ["agents:read"], expiresAt: T0 + HOUR });
    expect(await authenticate({ value: secret, scheme: "apiKeyHeader" }, t.services)).toEqual({
      kind: "workspace_key",
      id: "key_workspace_key",
      scheme: "apiKeyHeader",
      workspaceId: "ws_a",
      userId: null,
      agentId: null,
      teamId: null,
      role: null,
      scopes: ["agents:read"],
      expiresAt: T0 + HOUR,
      resource: null,
    });
  });

  it("a malformed key is 401 token_malformed before any store lookup", async () => {
    const t = authServices();
    const { secret } = t.addKey("workspace_key");
    const forged = secret.slice(0, -1) + (secret.endsWith("A") ? "B" : "A");
    expect(await problemOf(() => authenticate(bearer(forged), t.services))).toMatchObject(
      invalidToken(
        "token_malformed",
        "The credential is malformed: check that it was copied whole.",
      ),
    );
    expect(t.store.lookups).toBe(0);
  });

  it("a well-formed live key is 401 live_key_in_sandbox before any store lookup", async () => {
    const t = authServices();
    const live = `lk_wsk_live_${"A".repeat(32)}`;
    expect(await problemOf(() => authenticate(bearer(live), t.services))).toMatchObject(
      invalidToken(
        "live_key_in_sandbox",
        "This is a live credential; the sandbox accepts test credentials only.",
      ),
    );
    expect(t.store.lookups).toBe(0);
  });

  it("a well-formed key the store does not hold is 401 token_unknown", async () => {
    const t = authServices();
    const { secret } = t.addKey("workspace_key");
    for (const id of [...t.store.keys.keys()]) t.store.delete("keys", id);
    expect(await problemOf(() => authenticate(bearer(secret), t.services))).toMatchObject(
      invalidToken("token_unknown", "The key is not known to this sandbox."),
    );
    expect(t.store.lookups).toBe(1);
  });

  it("a key whose stored kind is not the kind in its prefix is 401 token_unknown", async () => {
    const t = authServices();
    const { secret, key } = t.addKey("workspace_key");
    key.kind = "team_key";
    expect(await problemOf(() => authenticate(bearer(secret), t.services))).toMatchObject(
      invalidToken("token_unknown", "The key is not known to this sandbox."),
    );
  });

  it("a revoked key is 401 token_revoked, saying when", async () => {
    const t = authServices();
    const { secret } = t.addKey("workspace_key", { revokedAt: T0 });
    expect(await problemOf(() => authenticate(bearer(secret), t.services))).toMatchObject(
      invalidToken("token_revoked", "The key was revoked at 2030-01-01T00:00:00Z."),
    );
  });

  it("a key is expired exactly at its expires_at, and good one millisecond before", async () => {
    const t = authServices();
    const { secret, key } = t.addKey("workspace_key", { expiresAt: T0 + HOUR });
    t.setNow(T0 + HOUR - 1);
    expect(await authenticate(bearer(secret), t.services)).toMatchObject({ id: key.id });
    t.setNow(T0 + HOUR);
    expect(await problemOf(() => authenticate(bearer(secret), t.services))).toMatchObject(
      invalidToken("token_expired", "The key expired at 2030-01-01T01:00:00.000Z."),
    );
  });

  it("a use sets the key's last_used_at to the sandbox clock", async () => {
    const t = authServices();
    const { secret, key } = t.addKey("workspace_key");
    t.setNow(T0 + 5);
    await authenticate(bearer(secret), t.services);
    expect(key.lastUsedAt).toBe(T0 + 5);
  });
});

describe("authenticate: rotated secrets", () => {
  /** A key rotated at T0, its old secret kept in grace until `graceEndsAt` (null: none). */
  function rotated(graceEndsAt: number | null) {
    const t = authServices();
    const old = t.addKey("workspace_key");
    const next = t.crypto.mintKey("workspace_key");
    t.store.putKey({
      ...old.key,
      digest: next.digest,
      retired: [{ digest: old.key.digest, rotatedAt: T0, graceEndsAt }],
    });
    return { t, oldSecret: old.secret, newSecret: next.secret };
  }

  it("the new secret works at once", async () => {
    const { t, newSecret } = rotated(T0 + HOUR);
    expect(await authenticate(bearer(newSecret), t.services)).toMatchObject({
      id: "key_workspace_key",
    });
  });

  it("the old secret works during the grace period, up to one millisecond before its end", async () => {
    const { t, oldSecret } = rotated(T0 + HOUR);
    t.setNow(T0 + HOUR - 1);
    expect(await authenticate(bearer(oldSecret), t.services)).toMatchObject({
      id: "key_workspace_key",
    });
  });

  it("the old secret is 401 token_revoked exactly when the grace period ends, saying it was rotated and when", async () => {
    const { t, oldSecret } = rotated(T0 + HOUR);
    t.setNow(T0 + HOUR);
    expect(await problemOf(() => authenticate(bearer(oldSecret), t.services))).toMatchObject(
      invalidToken(
        "token_revoked",
        "This secret was retired when the key was rotated at 2030-01-01T00:00:00Z; its grace period ended at 2030-01-01T01:00:00Z: use the key's new secret.",
      ),
    );
  });

  it("a secret rotated without grace is 401 token_revoked at once, saying it was rotated", async () => {
    const { t, oldSecret } = rotated(null);
    expect(await problemOf(() => authenticate(bearer(oldSecret), t.services))).toMatchObject(
      invalidToken(
        "token_revoked",
        "This secret was retired when the key was rotated at 2030-01-01T00:00:00Z: use the key's new secret.",
      ),
    );
  });

  it("a secret retired in a state from before rotation times were kept says it was rotated, without a time", async () => {
    const t = authServices();
    const old = t.addKey("workspace_key");
    const next = t.crypto.mintKey("workspace_key");
    t.store.putKey({
      ...old.key,
      digest: next.digest,
      previous: { digest: old.key.digest, expiresAt: T0 },
    });
    expect(await problemOf(() => authenticate(bearer(old.secret), t.services))).toMatchObject(
      invalidToken(
        "token_revoked",
        "This secret was retired when the key was rotated; its grace period ended at 2030-01-01T00:00:00Z: use the key's new secret.",
      ),
    );
  });

  it("a grace secret of a key revoked later is 401 token_revoked naming the revocation", async () => {
    const { t, oldSecret } = rotated(T0 + HOUR);
    const key = t.store.keys.get("key_workspace_key");
    if (!key) throw new Error("the rotated key is in the store");
    t.store.putKey({ ...key, revokedAt: T0 + 60_000 });
    expect(await problemOf(() => authenticate(bearer(oldSecret), t.services))).toMatchObject(
      invalidToken("token_revoked", "The key was revoked at 2030-01-01T00:01:00Z."),
    );
  });

  it("a digest that is none of the key's secrets is 401 token_unknown", async () => {
    const t = authServices();
    const { secret, key } = t.addKey("workspace_key");
    // The index still points at the key, but the record holds other digests (a torn update).
    key.digest = "0".repeat(64);
    expect(await problemOf(() => authenticate(bearer(secret), t.services))).toMatchObject(
      invalidToken("token_unknown", "The key is not known to this sandbox."),
    );
    key.retired = [{ digest: "1".repeat(64), rotatedAt: T0, graceEndsAt: T0 + HOUR }];
    expect(await problemOf(() => authenticate(bearer(secret), t.services))).toMatchObject(
      invalidToken("token_unknown", "The key is not known to this sandbox."),
    );
  });
});

describe("authenticate: who a key acts as", () => {
  it("a user key acts as its user, with the user's role", async () => {
    const t = authServices();
    t.addUser("member");
    const { secret } = t.addKey("user_key", { scopes: ["agents:read", "jobs:write"] });
    expect(await authenticate(bearer(secret), t.services)).toMatchObject({
      kind: "user_key",
      userId: "usr_1",
      agentId: null,
      teamId: null,
      role: "member",
      scopes: ["agents:read", "jobs:write"],
    });
  });

  it("a user key's scopes are clipped to its user's current role", async () => {
    const t = authServices();
    t.addUser("viewer");
    const { secret } = t.addKey("user_key", { scopes: ["agents:read", "agents:write"] });
    expect(await authenticate(bearer(secret), t.services)).toMatchObject({
      role: "viewer",
      scopes: ["agents:read"],
    });
  });

  it("a user key its role fully covers acts with the key's own scope list, not a copy", async () => {
    // The journal keeps a request's scopes by reference: a list made per request would live as
    // long as the request's entry.
    const t = authServices();
    t.addUser("member");
    const { secret, key } = t.addKey("user_key", { scopes: ["agents:read", "jobs:write"] });
    expect((await authenticate(bearer(secret), t.services)).scopes).toBe(key.scopes);
  });

  it("a user key whose user was deleted is 401 token_revoked", async () => {
    const t = authServices();
    const { secret } = t.addKey("user_key");
    expect(await problemOf(() => authenticate(bearer(secret), t.services))).toMatchObject(
      invalidToken("token_revoked", "The user this key acts as no longer exists."),
    );
  });

  it("a user key without a user is 401 token_revoked", async () => {
    const t = authServices();
    t.addUser();
    const { secret } = t.addKey("user_key", { userId: null });
    expect(await problemOf(() => authenticate(bearer(secret), t.services))).toMatchObject(
      invalidToken("token_revoked", "The user this key acts as no longer exists."),
    );
  });

  it("a team key acts for its team with no scopes", async () => {
    const t = authServices();
    const { secret } = t.addKey("team_key", { scopes: ["agents:read"] });
    expect(await authenticate(bearer(secret), t.services)).toMatchObject({
      kind: "team_key",
      userId: null,
      agentId: null,
      teamId: "team_1",
      role: null,
      scopes: [],
    });
  });

  it("an agent key acts as its agent with agents:invoke only", async () => {
    const t = authServices();
    t.addAgent();
    const { secret } = t.addKey("agent_key", { scopes: ["agents:read"] });
    expect(await authenticate(bearer(secret), t.services)).toMatchObject({
      kind: "agent_key",
      userId: null,
      agentId: "agt_1",
      teamId: null,
      role: null,
      scopes: ["agents:invoke"],
    });
  });

  it("an agent key whose agent was deleted is 401 token_revoked", async () => {
    const t = authServices();
    const { secret } = t.addKey("agent_key");
    expect(await problemOf(() => authenticate(bearer(secret), t.services))).toMatchObject(
      invalidToken("token_revoked", "The key's agent was deleted."),
    );
  });
});

describe("authenticate: refresh tokens", () => {
  it("a refresh token sent as a bearer token is 403 credential_kind_not_allowed", async () => {
    const t = authServices();
    const user = t.addUser();
    const session = await t.sessions.issue(user);
    expect(
      await problemOf(() => authenticate(bearer(session.refresh_token), t.services)),
    ).toMatchObject({
      status: 403,
      code: "credential_kind_not_allowed",
      detail: "A refresh token only works at POST /v1/auth/refresh; send the access token here.",
      headers: {},
    });
  });

  it("an unknown refresh token sent as a bearer token is 401 token_unknown", async () => {
    const t = authServices();
    const { secret } = t.crypto.mintKey("refresh_token");
    expect(await problemOf(() => authenticate(bearer(secret), t.services))).toMatchObject(
      invalidToken("token_unknown", "The refresh token is not known to this sandbox."),
    );
  });
});

describe("authenticate: signed tokens", () => {
  const claims = { resource: "agt_1/reports/q1.pdf", expiresAt: T0 + 300_000, workspaceId: "ws_a" };

  it("a download token is bound to its agent and filename, with downloads:read", async () => {
    const t = authServices();
    const token = t.crypto.mintSignedToken("download_token", claims);
    expect(await authenticate({ value: token, scheme: "downloadToken" }, t.services)).toEqual({
      kind: "download_token",
      id: expect.stringMatching(/^[0-9A-Za-z]{12}$/),
      scheme: "downloadToken",
      workspaceId: "ws_a",
      userId: null,
      agentId: null,
      teamId: null,
      role: null,
      scopes: ["downloads:read"],
      expiresAt: T0 + 300_000,
      resource: { agentId: "agt_1", filename: "reports/q1.pdf" },
    });
    expect(t.store.lookups).toBe(0);
  });

  it("a stream token is bound to its job, with jobs:read", async () => {
    const t = authServices();
    const token = t.crypto.mintSignedToken("stream_token", { ...claims, resource: "job_1" });
    expect(await authenticate({ value: token, scheme: "streamToken" }, t.services)).toMatchObject({
      kind: "stream_token",
      scopes: ["jobs:read"],
      resource: { jobId: "job_1" },
    });
  });

  it("a signed token is expired exactly at its expiry: 401 token_expired, mint a new one", async () => {
    const t = authServices();
    const token = t.crypto.mintSignedToken("download_token", claims);
    t.setNow(T0 + 300_000 - 1);
    expect(await authenticate(bearer(token), t.services)).toMatchObject({ kind: "download_token" });
    t.setNow(T0 + 300_000);
    expect(await problemOf(() => authenticate(bearer(token), t.services))).toMatchObject(
      invalidToken("token_expired", "The signed link has expired; mint a new one."),
    );
  });

  it("a signed token with a bad MAC is 401 token_malformed", async () => {
    const t = authServices();
    const token = t.crypto.mintSignedToken("download_token", claims);
    const forged = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    expect(await problemOf(() => authenticate(bearer(forged), t.services))).toMatchObject(
      invalidToken(
        "token_malformed",
        "The credential is malformed: check that it was copied whole.",
      ),
    );
  });

  it("a live signed token is 401 live_key_in_sandbox", async () => {
    const t = authServices();
    const token = t.crypto.mintSignedToken("stream_token", claims).replace("_test_", "_live_");
    expect(await problemOf(() => authenticate(bearer(token), t.services))).toMatchObject(
      invalidToken(
        "live_key_in_sandbox",
        "This is a live credential; the sandbox accepts test credentials only.",
      ),
    );
  });
});

describe("authenticate: session tokens", () => {
  it("a text that starts like a JWT but is not one is 401 token_malformed", async () => {
    const t = authServices();
    expect(
      await problemOf(() => authenticate(bearer("eyJhbGciOiJFUzI1NiJ9.x"), t.services)),
    ).toMatchObject(
      invalidToken(
        "token_malformed",
        "The credential is malformed: check that it was copied whole.",
      ),
    );
  });

  it("a session token acts as its user with the scopes of the token and the role", async () => {
    const t = authServices();
    const user = t.addUser("admin");
    const { access_token } = await t.sessions.issue(user);
    expect(await authenticate(bearer(access_token), t.services)).toMatchObject({
      kind: "session",
      id: expect.stringMatching(/^ses_/),
      scheme: "bearerAuth",
      workspaceId: "ws_a",
      userId: "usr_1",
      agentId: null,
      teamId: null,
      role: "admin",
      scopes: [...(await import("../../../src/generated/security.js")).roles.admin],
      expiresAt: T0 + 15 * 60_000,
      resource: null,
    });
  });

  it("a session token seen before is answered from the claims cache, without a signature check", async () => {
    const t = authServices();
    const user = t.addUser();
    const { access_token } = await t.sessions.issue(user);
    const verify = vi.spyOn(t.sessions, "verify");
    const principal = authenticate(bearer(access_token), t.services);
    expect(principal).not.toBeInstanceOf(Promise);
    expect(principal).toMatchObject({ kind: "session", userId: "usr_1" });
    expect(verify).not.toHaveBeenCalled();
  });

  it("a session token not seen before is verified", async () => {
    const t = authServices();
    const user = t.addUser();
    const { access_token } = await t.sessions.issue(user);
    t.sessions.clearCache();
    const verify = vi.spyOn(t.sessions, "verify");
    expect(await authenticate(bearer(access_token), t.services)).toMatchObject({ userId: "usr_1" });
    expect(verify).toHaveBeenCalledOnce();
  });

  it("a session's scopes are clipped to its user's current role", async () => {
    const t = authServices();
    const user = t.addUser("owner");
    const { access_token } = await t.sessions.issue(user);
    user.role = "viewer";
    expect(await authenticate(bearer(access_token), t.services)).toMatchObject({
      role: "viewer",
      scopes: ["agents:read", "keys:read", "jobs:read", "downloads:read"],
    });
  });

  it("a session never gets more scopes than its token's scope claim, even after a promotion", async () => {
    const t = authServices();
    const user = t.addUser("viewer");
    const { access_token } = await t.sessions.issue(user);
    user.role = "owner";
    expect(await authenticate(bearer(access_token), t.services)).toMatchObject({
      role: "owner",
      scopes: ["agents:read", "keys:read", "jobs:read", "downloads:read"],
    });
  });

  it("a session token is expired exactly at its exp, and good one millisecond before", async () => {
    const t = authServices();
    const user = t.addUser();
    const { access_token } = await t.sessions.issue(user);
    t.setNow(T0 + 15 * 60_000 - 1);
    expect(await authenticate(bearer(access_token), t.services)).toMatchObject({ kind: "session" });
    t.setNow(T0 + 15 * 60_000);
    expect(await problemOf(() => authenticate(bearer(access_token), t.services))).toMatchObject(
      invalidToken("token_expired", "The session token has expired; refresh the session."),
    );
  });

  it("a session whose family is gone is 401 token_unknown", async () => {
    const t = authServices();
    const user = t.addUser();
    const { access_token } = await t.sessions.issue(user);
    for (const id of [...t.store.families.keys()]) t.store.delete("families", id);
    expect(await problemOf(() => authenticate(bearer(access_token), t.services))).toMatchObject(
      invalidToken("token_unknown", "The session is not known to this sandbox."),
    );
  });

  it("a session whose family was revoked is 401 token_revoked", async () => {
    const t = authServices();
    const user = t.addUser();
    const { access_token } = await t.sessions.issue(user);
    for (const family of t.store.families.values())
      t.store.put("families", { ...family, revokedAt: T0 });
    expect(await problemOf(() => authenticate(bearer(access_token), t.services))).toMatchObject(
      invalidToken("token_revoked", "The session has been revoked."),
    );
  });

  it("a session token revoked by its jti is 401 token_revoked", async () => {
    const t = authServices();
    const user = t.addUser();
    const { access_token } = await t.sessions.issue(user);
    const claims = await t.sessions.inspect(access_token);
    t.store.put("revokedJtis", { jti: claims?.jti ?? "", expiresAt: T0 + HOUR });
    expect(await problemOf(() => authenticate(bearer(access_token), t.services))).toMatchObject(
      invalidToken("token_revoked", "The session token has been revoked."),
    );
  });

  it("a session whose user was deleted is 401 token_unknown", async () => {
    const t = authServices();
    const user = t.addUser();
    const { access_token } = await t.sessions.issue(user);
    for (const id of [...t.store.users.keys()]) t.store.delete("users", id);
    expect(await problemOf(() => authenticate(bearer(access_token), t.services))).toMatchObject(
      invalidToken("token_unknown", "The session's user is not known to this sandbox."),
    );
  });

  it("a session whose user moved to another workspace is 401 token_unknown", async () => {
    const t = authServices();
    const user = t.addUser();
    const { access_token } = await t.sessions.issue(user);
    user.workspaceId = "ws_b";
    expect(await problemOf(() => authenticate(bearer(access_token), t.services))).toMatchObject(
      invalidToken("token_unknown", "The session's user is not known to this sandbox."),
    );
  });
});

describe("authenticate: signed tokens end with their grant", () => {
  const claims = { resource: "job_1", expiresAt: T0 + 300_000, workspaceId: "ws_a" };

  it("a signed token whose minting key was revoked is 401 token_revoked", async () => {
    const t = authServices();
    const { key } = t.addKey("workspace_key");
    const token = t.crypto.mintSignedToken("stream_token", { ...claims, minter: `k:${key.id}` });
    expect(await authenticate(bearer(token), t.services)).toMatchObject({ kind: "stream_token" });
    t.store.putKey({ ...key, revokedAt: T0 });
    expect(await problemOf(() => authenticate(bearer(token), t.services))).toMatchObject(
      invalidToken(
        "token_revoked",
        "The credential that minted this signed link has been revoked.",
      ),
    );
  });
});

describe("authenticate: outside session tokens", () => {
  /** Services whose claims cache holds `claims` for every token (as after a first verify). */
  function withClaims(claims: SessionClaims) {
    const t = authServices();
    t.addUser("member");
    const services = { ...t.services, sessions: { ...t.sessions, cached: () => claims } };
    return { t, services };
  }
  const outside: SessionClaims = {
    userId: "usr_1",
    workspaceId: "ws_a",
    jti: "ext_1",
    familyId: null,
    expiresAt: T0 + HOUR,
    scopes: null,
  };
  const jwt = bearer("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln");

  it("an outside token has no family and acts with its user's role scopes", async () => {
    const { services } = withClaims(outside);
    expect(await authenticate(jwt, services)).toMatchObject({
      kind: "session",
      id: "ext_1",
      userId: "usr_1",
      role: "member",
      scopes: [...roles.member],
      familyId: null,
    });
  });

  it("an outside token used before its nbf is 401 token_malformed naming the time", async () => {
    const { services } = withClaims({ ...outside, notBefore: T0 + 1000 });
    expect(await problemOf(() => authenticate(jwt, services))).toMatchObject(
      invalidToken("token_malformed", "The token is not valid before 2030-01-01T00:00:01Z."),
    );
    const { services: from } = withClaims({ ...outside, notBefore: T0 });
    expect(await authenticate(jwt, from)).toMatchObject({ id: "ext_1" });
  });

  it("an outside token revoked by its id is 401 token_revoked until its exp", async () => {
    const { t, services } = withClaims(outside);
    t.store.put("revokedJtis", { jti: "ext_1", expiresAt: T0 + HOUR });
    expect(await problemOf(() => authenticate(jwt, services))).toMatchObject(
      invalidToken("token_revoked", "The session token has been revoked."),
    );
  });
});
