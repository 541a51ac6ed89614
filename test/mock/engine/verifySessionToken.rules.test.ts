// The JWT verifier, rule by rule, with keys the test holds: it can sign tokens the sandbox
// never issues (a claim missing, live mode, another issuer) and see each refused for its reason.
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { createClock } from "../../../mock/engine/createClock.js";
import { Store } from "../../../mock/engine/Store.js";
import { createTokenVerifier } from "../../../mock/engine/verifySessionToken.js";
import { problemOf } from "./ruleHarness.js";

const OURS = "latchkey-sandbox";
const IDP = "https://idp.example.test";
const T0 = Date.UTC(2030, 0, 1);
const EXP = T0 / 1000 + 600;

let ownKey: CryptoKey;
let ownJwk: JWK;
let idpKey: CryptoKey;
let idpJwk: JWK;

beforeAll(async () => {
  const own = await generateKeyPair("ES256");
  ownKey = own.privateKey;
  ownJwk = { ...(await exportJWK(own.publicKey)), kid: "own", alg: "ES256" };
  const idp = await generateKeyPair("ES256");
  idpKey = idp.privateKey;
  idpJwk = { ...(await exportJWK(idp.publicKey)), kid: "idp", alg: "ES256" };
});

/** A stand-in digest whose first characters depend on the end of the text (ids keep 24 of them). */
const fakeDigest = (text: string) => [...text].reverse().join("");

const ownClaims = {
  sub: "usr_1",
  ws: "ws_a",
  jti: "ses_1",
  fam: "fam_1",
  scope: "agents:read jobs:write made:up",
  mode: "test",
};

function sign(
  claims: JWTPayload,
  iss: string,
  key = ownKey,
  kid = "own",
  exp: number | null = EXP,
) {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: "ES256", kid })
    .setIssuer(iss)
    .setIssuedAt(T0 / 1000);
  if (exp !== null) jwt.setExpirationTime(exp);
  return jwt.sign(key);
}

function verifierStore(): Store {
  const store = new Store();
  store.putUser({
    id: "usr_1",
    workspaceId: "ws_a",
    email: "one@example.test",
    role: "owner",
    passwordHash: "x",
  });
  store.putUser({
    id: "usr_2",
    workspaceId: "ws_b",
    email: "two@example.test",
    role: "member",
    passwordHash: "x",
  });
  // Outside identities are linked by (iss, sub), never matched by email.
  store.linkIdentity(IDP, "idp|alice", "usr_1");
  return store;
}

function verifier(now = T0, audience?: string) {
  const v = createTokenVerifier({
    store: verifierStore(),
    clock: createClock(() => now),
    crypto: { digest: fakeDigest },
    issuer: OURS,
    trustedIssuers: [{ issuer: IDP, jwks: { keys: [idpJwk as JsonWebKey] }, audience }],
  });
  v.setOwnKey(ownJwk);
  return v;
}

const problem = (code: string, detail: string) => ({
  status: 401,
  code,
  detail,
  headers: {
    "www-authenticate": `Bearer realm="latchkey", error="invalid_token", error_description="${detail}"`,
  },
});

describe("session tokens of our own", () => {
  it("a token we signed gives its user, workspace, id, family, expiry and known scopes", async () => {
    const token = await sign(ownClaims, OURS);
    expect(await verifier().verify(token, { ownOnly: true })).toEqual({
      userId: "usr_1",
      workspaceId: "ws_a",
      jti: "ses_1",
      familyId: "fam_1",
      expiresAt: EXP * 1000,
      scopes: ["agents:read", "jobs:write"],
    });
  });

  it("a token missing any of sub, ws, jti, fam, exp or scope is 401 token_malformed", async () => {
    for (const claim of ["sub", "ws", "jti", "fam", "scope", "exp"]) {
      const claims: JWTPayload = { ...ownClaims };
      delete claims[claim];
      const token = await sign(claims, OURS, ownKey, "own", claim === "exp" ? null : EXP);
      expect(await problemOf(() => verifier().verify(token, { ownOnly: true }))).toMatchObject(
        problem("token_malformed", "The session token lacks required claims."),
      );
    }
  });

  it("a token expired on the sandbox clock is 401 token_expired, exactly at its exp", async () => {
    const token = await sign(ownClaims, OURS);
    expect(await verifier(EXP * 1000 - 1000).verify(token, { ownOnly: true })).toMatchObject({
      jti: "ses_1",
    });
    expect(
      await problemOf(() => verifier(EXP * 1000).verify(token, { ownOnly: true })),
    ).toMatchObject(
      problem("token_expired", "The session token has expired; refresh the session."),
    );
  });

  it("a token in live mode is 401 live_key_in_sandbox", async () => {
    const token = await sign({ ...ownClaims, mode: "live" }, OURS);
    expect(await problemOf(() => verifier().verify(token, { ownOnly: true }))).toMatchObject(
      problem(
        "live_key_in_sandbox",
        "This is a live session token; the sandbox accepts test credentials only.",
      ),
    );
  });

  it("a token naming our issuer but signed by another key is 401 token_malformed", async () => {
    const token = await sign(ownClaims, OURS, idpKey, "own");
    expect(await problemOf(() => verifier().verify(token, { ownOnly: false }))).toMatchObject(
      problem("token_malformed", "The session token's signature or claims are invalid."),
    );
  });

  it("a token signed with a symmetric algorithm is 401 token_malformed", async () => {
    const secret = new TextEncoder().encode("a".repeat(32));
    const token = await new SignJWT(ownClaims)
      .setProtectedHeader({ alg: "HS256", kid: "own" })
      .setIssuer(OURS)
      .setExpirationTime(EXP)
      .sign(secret);
    expect(await problemOf(() => verifier().verify(token, { ownOnly: true }))).toMatchObject({
      status: 401,
      code: "token_malformed",
    });
  });

  it("a text that is not a JWT is 401 token_malformed", async () => {
    expect(
      await problemOf(() => verifier().verify("eyJ.not.jwt", { ownOnly: true })),
    ).toMatchObject(problem("token_malformed", "The token is not a well-formed JWT."));
  });

  it("before the sandbox's key is loaded, a token naming our issuer is 401 token_malformed", async () => {
    const token = await sign(ownClaims, OURS);
    const v = createTokenVerifier({
      store: new Store(),
      clock: createClock(() => T0),
      crypto: { digest: fakeDigest },
      issuer: OURS,
      trustedIssuers: [],
    });
    expect(await problemOf(() => v.verify(token, { ownOnly: true }))).toMatchObject(
      problem("token_malformed", "The token's issuer is not one this sandbox trusts."),
    );
  });
});

describe("session tokens of a trusted issuer", () => {
  it("a trusted token whose (iss, sub) is linked is a session of the linked user, without family or scopes", async () => {
    const token = await sign({ sub: "idp|alice", jti: "idp-token-1" }, IDP, idpKey, "idp");
    expect(await verifier().verify(token, { ownOnly: false, digest: "d".repeat(64) })).toEqual({
      userId: "usr_1",
      workspaceId: "ws_a",
      jti: `ext_${fakeDigest(`${IDP}\nidp-token-1`).slice(0, 24)}`,
      familyId: null,
      expiresAt: EXP * 1000,
      scopes: null,
    });
  });

  it("a trusted token's id is a digest of its issuer and jti, so it cannot name one of our sessions", async () => {
    const a = await sign({ sub: "idp|alice", jti: "ses_1" }, IDP, idpKey, "idp");
    const claims = await verifier().verify(a, { ownOnly: false, digest: "x" });
    expect(claims.jti).toBe(`ext_${fakeDigest(`${IDP}\nses_1`).slice(0, 24)}`);
    expect(claims.jti).not.toBe("ses_1");
  });

  it("a trusted issuer may sign with ES256, ES384, RS256, PS256 or EdDSA", async () => {
    for (const alg of ["ES384", "RS256", "PS256", "EdDSA"]) {
      const pair = await generateKeyPair(alg, { extractable: true });
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: alg, alg };
      const v = createTokenVerifier({
        store: verifierStore(),
        clock: createClock(() => T0),
        crypto: { digest: fakeDigest },
        issuer: OURS,
        trustedIssuers: [{ issuer: IDP, jwks: { keys: [jwk as JsonWebKey] } }],
      });
      const token = await new SignJWT({ sub: "idp|alice" })
        .setProtectedHeader({ alg, kid: alg })
        .setIssuer(IDP)
        .setExpirationTime(EXP)
        .sign(pair.privateKey);
      expect(await v.verify(token, { ownOnly: false })).toMatchObject({ userId: "usr_1" });
    }
  });

  it("a trusted token without jti gets an id derived from the token's digest", async () => {
    const token = await sign({ sub: "idp|alice" }, IDP, idpKey, "idp");
    const digest = "0123456789abcdef".repeat(4);
    expect(await verifier().verify(token, { ownOnly: false, digest })).toMatchObject({
      jti: `ext_${fakeDigest(`${IDP}\n${digest}`).slice(0, 24)}`,
    });
    // Without a digest from the caller, the verifier digests the token itself.
    expect(await verifier().verify(token, { ownOnly: false })).toMatchObject({
      jti: `ext_${fakeDigest(`${IDP}\n${fakeDigest(token)}`).slice(0, 24)}`,
    });
  });

  it("a trusted token with nbf carries it, checked on every use", async () => {
    const token = await sign({ sub: "idp|alice", nbf: T0 / 1000 - 10 }, IDP, idpKey, "idp");
    expect(await verifier().verify(token, { ownOnly: false })).toMatchObject({
      notBefore: T0 - 10_000,
    });
    const none = await sign({ sub: "idp|alice" }, IDP, idpKey, "idp");
    expect(await verifier().verify(none, { ownOnly: false })).not.toHaveProperty("notBefore");
  });

  it("a trusted token used before its nbf is 401 token_malformed naming the time", async () => {
    const token = await sign({ sub: "idp|alice", nbf: T0 / 1000 + 60 }, IDP, idpKey, "idp");
    expect(await problemOf(() => verifier().verify(token, { ownOnly: false }))).toMatchObject(
      problem(
        "token_malformed",
        "The token is not valid yet (its nbf is later than the sandbox clock).",
      ),
    );
  });

  it("a trusted token is 401 token_malformed where only our own tokens count", async () => {
    const token = await sign({ sub: "idp|alice" }, IDP, idpKey, "idp");
    expect(await problemOf(() => verifier().verify(token, { ownOnly: true }))).toMatchObject(
      problem("token_malformed", "The token's issuer is not one this sandbox trusts."),
    );
  });

  it("a token of an issuer not trusted is 401 token_malformed", async () => {
    const token = await sign({ sub: "idp|alice" }, "https://other.example.test", idpKey, "idp");
    expect(await problemOf(() => verifier().verify(token, { ownOnly: false }))).toMatchObject(
      problem("token_malformed", "The token's issuer is not one this sandbox trusts."),
    );
  });

  it("a token without an issuer is 401 token_malformed", async () => {
    const token = await new SignJWT({ sub: "idp|alice" })
      .setProtectedHeader({ alg: "ES256", kid: "idp" })
      .setExpirationTime(EXP)
      .sign(idpKey);
    expect(await problemOf(() => verifier().verify(token, { ownOnly: false }))).toMatchObject(
      problem("token_malformed", "The token's issuer is not one this sandbox trusts."),
    );
  });

  it("a token with alg none is 401 token_malformed, whatever issuer it names", async () => {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
    for (const iss of [IDP, OURS]) {
      const token = `${enc({ alg: "none" })}.${enc({ ...ownClaims, sub: "idp|alice", iss, exp: EXP })}.`;
      expect(await problemOf(() => verifier().verify(token, { ownOnly: false }))).toMatchObject({
        status: 401,
        code: "token_malformed",
      });
    }
  });

  it("a trusted token whose (iss, sub) is not linked is 401 token_unknown, even if sub is a user id", async () => {
    for (const sub of ["idp|nobody", "usr_1"]) {
      const token = await sign({ sub, email: "one@example.test" }, IDP, idpKey, "idp");
      expect(await problemOf(() => verifier().verify(token, { ownOnly: false }))).toMatchObject(
        problem(
          "token_unknown",
          "The token's issuer and subject are not linked to a user of this sandbox (POST /_sandbox/identities links them).",
        ),
      );
    }
  });

  it("a trusted token whose sub is not a string is 401 token_unknown, even if its text is a linked subject", async () => {
    const store = verifierStore();
    store.linkIdentity(IDP, "123", "usr_1");
    const v = createTokenVerifier({
      store,
      clock: createClock(() => T0),
      crypto: { digest: fakeDigest },
      issuer: OURS,
      trustedIssuers: [{ issuer: IDP, jwks: { keys: [idpJwk as JsonWebKey] } }],
    });
    const token = await sign({ sub: 123 } as unknown as JWTPayload, IDP, idpKey, "idp");
    expect(await problemOf(() => v.verify(token, { ownOnly: false }))).toMatchObject(
      problem(
        "token_unknown",
        "The token's issuer and subject are not linked to a user of this sandbox (POST /_sandbox/identities links them).",
      ),
    );
  });

  it("a trusted token without sub is 401 token_malformed", async () => {
    const token = await sign({}, IDP, idpKey, "idp");
    expect(await problemOf(() => verifier().verify(token, { ownOnly: false }))).toMatchObject(
      problem("token_malformed", "The token has no sub claim."),
    );
  });

  it("a trusted token without exp is 401 token_malformed: only tokens that expire are accepted", async () => {
    const token = await sign({ sub: "idp|alice" }, IDP, idpKey, "idp", null);
    expect(await problemOf(() => verifier().verify(token, { ownOnly: false }))).toMatchObject(
      problem(
        "token_malformed",
        "The token has no exp claim; the sandbox accepts only tokens that expire.",
      ),
    );
  });

  it("a trusted issuer with an audience refuses a token for another audience", async () => {
    const token = await sign({ sub: "idp|alice", aud: "other-app" }, IDP, idpKey, "idp");
    expect(
      await problemOf(() => verifier(T0, "latchkey-app").verify(token, { ownOnly: false })),
    ).toMatchObject(
      problem(
        "token_malformed",
        "The token is for another audience (its aud is not the one configured).",
      ),
    );
    const good = await sign({ sub: "idp|alice", aud: "latchkey-app" }, IDP, idpKey, "idp");
    expect(await verifier(T0, "latchkey-app").verify(good, { ownOnly: false })).toMatchObject({
      userId: "usr_1",
    });
  });

  it("a trusted token with another invalid claim names that claim", async () => {
    // A payload jose's types would refuse: the issuer's token is not ours to shape.
    const token = await new SignJWT({ sub: "idp|alice", iat: "yesterday" } as unknown as JWTPayload)
      .setProtectedHeader({ alg: "ES256", kid: "idp" })
      .setIssuer(IDP)
      .setExpirationTime(EXP)
      .sign(idpKey);
    expect(await problemOf(() => verifier().verify(token, { ownOnly: false }))).toMatchObject(
      problem("token_malformed", "The token's iat claim is invalid."),
    );
  });

  it("a trusted issuer needs a JWKS or a JWKS URL", () => {
    expect(() =>
      createTokenVerifier({
        store: new Store(),
        clock: createClock(() => T0),
        crypto: { digest: fakeDigest },
        issuer: OURS,
        trustedIssuers: [{ issuer: IDP }],
      }),
    ).toThrow(new Error(`Trusted issuer ${IDP} needs jwks or jwksUrl.`));
  });
});
