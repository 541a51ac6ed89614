// The session service, rule by rule: what a session holds, how long it lives, what the claims
// cache answers, and which tokens `inspect` admits as ours.
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import type { Change } from "../../../mock/engine/changes/Change.js";
import { createSessionService } from "../../../mock/engine/createSessionService.js";
import { MAX_INSTANT } from "../../../mock/engine/instants.js";
import { ProblemError } from "../../../mock/engine/ProblemError.js";
import { roles } from "../../../src/generated/security.js";
import { authServices, T0 } from "./authServices.js";

function service(sessionTtlMs = 15 * 60_000, savedJwk?: string) {
  const t = authServices();
  const sessions = createSessionService({
    store: t.store,
    clock: t.services.clock,
    crypto: t.crypto,
    sessionTtlMs,
    refreshTtlMs: 30 * 86_400_000,
    trustedIssuers: [],
    savedJwk,
  });
  return { ...t, sessions };
}

describe("session service", () => {
  it("a session carries an ES256 access token for the user, a refresh token and their expiries", async () => {
    const t = service();
    const user = t.addUser("member");
    const session = await t.sessions.issue(user);
    const scope = roles.member.join(" ");
    expect(session).toEqual({
      access_token: expect.stringMatching(/^eyJ/),
      token_type: "Bearer",
      expires_in: 900,
      expires_at: "2030-01-01T00:15:00Z",
      refresh_token: expect.stringMatching(/^lk_rt_test_[0-9A-Za-z]{32}$/),
      refresh_token_expires_at: "2030-01-31T00:00:00Z",
      scope,
      user_id: "usr_1",
      workspace_id: "ws_a",
    });
    const header = decodeProtectedHeader(session.access_token);
    expect(header).toEqual({ alg: "ES256", kid: expect.stringMatching(/^sbx-.{12}$/), typ: "JWT" });
    const claims = decodeJwt(session.access_token);
    expect(claims).toMatchObject({
      iss: "latchkey-sandbox",
      sub: "usr_1",
      ws: "ws_a",
      scope,
      mode: "test",
      iat: T0 / 1000,
      exp: T0 / 1000 + 900,
      jti: expect.stringMatching(/^ses_/),
      fam: expect.stringMatching(/^fam_/),
    });
  });

  it("the refresh token is stored by digest only, in the session's new family", async () => {
    const t = service();
    const user = t.addUser();
    const session = await t.sessions.issue(user);
    const family = decodeJwt(session.access_token).fam as string;
    expect(t.store.families.get(family)).toEqual({
      id: family,
      userId: "usr_1",
      workspaceId: "ws_a",
      revokedAt: null,
    });
    expect(t.store.findRefreshByDigest(t.crypto.digest(session.refresh_token))).toEqual({
      digest: t.crypto.digest(session.refresh_token),
      familyId: family,
      userId: "usr_1",
      workspaceId: "ws_a",
      createdAt: T0,
      expiresAt: T0 + 30 * 86_400_000,
      usedAt: null,
    });
  });

  it("a session issued in an existing family stays in it and leaves the family as it was", async () => {
    const t = service();
    const user = t.addUser();
    t.store.put("families", {
      id: "fam_x",
      userId: "usr_1",
      workspaceId: "ws_a",
      revokedAt: 1,
    });
    const session = await t.sessions.issue(user, "fam_x");
    expect(decodeJwt(session.access_token).fam).toBe("fam_x");
    expect(t.store.families.get("fam_x")?.revokedAt).toBe(1);
  });

  it("a session issued in an existing family writes only its refresh token, not the family again", async () => {
    const t = service();
    const user = t.addUser();
    const first = await t.sessions.issue(user);
    const family = decodeJwt(first.access_token).fam as string;
    const changes: Change[] = [];
    t.store.onChange = (change) => changes.push(change);
    const second = await t.sessions.issue(user, family);
    expect(changes).toEqual([
      {
        t: "put",
        c: "refreshTokens",
        r: expect.objectContaining({ digest: t.crypto.digest(second.refresh_token) }),
      },
    ]);
  });

  it("a session whose refresh token would end after 9999-12-31T23:59:59Z is refused with 400 validation_failed before anything is stored", async () => {
    const t = service();
    const user = t.addUser();
    t.setNow(MAX_INSTANT - 30 * 86_400_000 + 1);
    const changes: Change[] = [];
    t.store.onChange = (change) => changes.push(change);
    const error = await t.sessions.issue(user).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect(error).toMatchObject({
      status: 400,
      code: "validation_failed",
      detail:
        "The session's end would be after 9999-12-31T23:59:59Z, the latest instant the sandbox keeps; ask for a shorter duration or set the sandbox clock earlier.",
      extras: {
        errors: [
          {
            pointer: "",
            detail: "must be an instant from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z",
          },
        ],
      },
    });
    expect(changes).toEqual([]);
    expect(t.store.families.size).toBe(0);
  });

  it("a session lives at least one second, in whole seconds", async () => {
    const short = service(400);
    expect((await short.sessions.issue(short.addUser())).expires_in).toBe(1);
    const odd = service(90_600);
    expect((await odd.sessions.issue(odd.addUser())).expires_in).toBe(91);
  });

  it("an issued token's claims are cached under its digest, and clearCache forgets them", async () => {
    const t = service();
    const session = await t.sessions.issue(t.addUser());
    const digest = t.crypto.digest(session.access_token);
    expect(t.sessions.cached(digest)).toMatchObject({
      userId: "usr_1",
      familyId: expect.any(String),
    });
    t.sessions.clearCache();
    expect(t.sessions.cached(digest)).toBeUndefined();
    await t.sessions.verify(session.access_token, digest);
    expect(t.sessions.cached(digest)).toMatchObject({ userId: "usr_1" });
  });

  it("inspect gives the id, family and expiry of one of our tokens, cached or not", async () => {
    const t = service();
    const session = await t.sessions.issue(t.addUser());
    const expected = {
      jti: decodeJwt(session.access_token).jti,
      familyId: decodeJwt(session.access_token).fam,
      expiresAt: T0 + 900_000,
    };
    expect(await t.sessions.inspect(session.access_token)).toEqual(expected);
    t.sessions.clearCache();
    expect(await t.sessions.inspect(session.access_token)).toEqual(expected);
  });

  it("inspect gives null for anything that is not one of our tokens", async () => {
    const t = service();
    expect(await t.sessions.inspect("eyJ.not.ajwt")).toBeNull();
    const other = service();
    const foreign = await other.sessions.issue(other.addUser());
    expect(await t.sessions.inspect(foreign.access_token)).toBeNull();
  });

  it("publishes the public half of the signing key, under the kid tokens carry", async () => {
    const t = service();
    const session = await t.sessions.issue(t.addUser());
    const { keys } = await t.sessions.jwks();
    expect(keys).toEqual([
      {
        kty: "EC",
        crv: "P-256",
        x: expect.any(String),
        y: expect.any(String),
        kid: decodeProtectedHeader(session.access_token).kid,
        alg: "ES256",
        use: "sig",
      },
    ]);
    expect(keys[0]).not.toHaveProperty("d");
  });

  it("a saved signing key is reused: tokens of the first service verify in the second", async () => {
    const first = service();
    const session = await first.sessions.issue(first.addUser());
    const saved = first.sessions.savedJwk();
    expect(saved).toMatch(/^[A-Za-z0-9_-]+$/);
    const second = service(15 * 60_000, saved);
    second.addUser();
    await second.sessions.ready;
    expect(second.sessions.savedJwk()).toBe(saved);
    expect(await second.sessions.jwks()).toEqual(await first.sessions.jwks());
    const digest = second.crypto.digest(session.access_token);
    expect(await second.sessions.verify(session.access_token, digest)).toMatchObject({
      userId: "usr_1",
    });
  });
});

describe("session service and outside issuers", () => {
  const IDP = "https://idp.example.test";

  /** A session service over `t`'s store and clock that trusts IDP's key `jwk`. */
  function trusting(
    t: ReturnType<typeof authServices>,
    crypto: ReturnType<typeof authServices>["crypto"],
    jwk: JsonWebKey,
  ) {
    return createSessionService({
      store: t.store,
      clock: t.services.clock,
      crypto,
      sessionTtlMs: 15 * 60_000,
      refreshTtlMs: 30 * 86_400_000,
      trustedIssuers: [{ issuer: IDP, jwks: { keys: [jwk] } }],
    });
  }

  /** A service trusting IDP, whose crypto records every text it digests. */
  async function withIdp() {
    const idp = await generateKeyPair("ES256");
    const jwk = { ...(await exportJWK(idp.publicKey)), kid: "idp", alg: "ES256" };
    const t = authServices();
    t.addUser();
    t.store.linkIdentity(IDP, "idp|alice", "usr_1");
    const digested: string[] = [];
    const crypto = {
      ...t.crypto,
      digest(secret: string) {
        digested.push(secret);
        return t.crypto.digest(secret);
      },
    };
    const sessions = trusting(t, crypto, jwk);
    const token = await new SignJWT({ sub: "idp|alice" })
      .setProtectedHeader({ alg: "ES256", kid: "idp" })
      .setIssuer(IDP)
      .setJti("idp-1")
      .setExpirationTime(T0 / 1000 + 600)
      .sign(idp.privateKey);
    return { t, sessions, token, digested };
  }

  it("an outside token is digested once: verify uses the caller's digest, inspect computes it once", async () => {
    const { t, sessions, token, digested } = await withIdp();
    await sessions.verify(token, t.crypto.digest(token));
    expect(digested.filter((text) => text === token)).toEqual([]);
    sessions.clearCache();
    await sessions.inspect(token);
    expect(digested.filter((text) => text === token)).toEqual([token]);
  });

  it("inspect gives a linked outside token's id and expiry, so revoking it holds until its exp", async () => {
    const idp = await generateKeyPair("ES256");
    const jwk = { ...(await exportJWK(idp.publicKey)), kid: "idp", alg: "ES256" };
    const t = authServices();
    t.addUser();
    t.store.linkIdentity(IDP, "idp|alice", "usr_1");
    const sessions = trusting(t, t.crypto, jwk);
    const token = await new SignJWT({ sub: "idp|alice" })
      .setProtectedHeader({ alg: "ES256", kid: "idp" })
      .setIssuer(IDP)
      .setExpirationTime(T0 / 1000 + 600)
      .sign(idp.privateKey);
    expect(await sessions.inspect(token)).toEqual({
      jti: expect.stringMatching(/^ext_/),
      familyId: null,
      expiresAt: T0 + 600_000,
    });
  });
});
