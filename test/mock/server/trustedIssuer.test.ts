// `--jwks-url URL --issuer ISS`: the sandbox accepts an outside identity provider's JWTs.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Cli, startCli, waitForBanner } from "./startCli.js";

const issuer = "https://idp.example.test";

describe("latchkey sandbox --jwks-url --issuer", () => {
  let jwks: Server;
  let cli: Cli;
  let privateKey: CryptoKey;

  beforeAll(async () => {
    const pair = await generateKeyPair("ES256");
    privateKey = pair.privateKey;
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: "idp-1", alg: "ES256" };
    jwks = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ keys: [publicJwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, "127.0.0.1", resolve));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
    cli = startCli([
      "sandbox",
      "--port",
      "0",
      "--strict",
      "--quiet",
      "--jwks-url",
      jwksUrl,
      "--issuer",
      issuer,
    ]);
  });
  afterAll(async () => {
    await cli?.kill();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  async function tokenFor(subject: string, iss = issuer): Promise<string> {
    return new SignJWT({})
      .setProtectedHeader({ alg: "ES256", kid: "idp-1" })
      .setIssuer(iss)
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(privateKey);
  }

  it("says in the banner that no audience is configured", async () => {
    await waitForBanner(cli);
    expect(cli.stdout()).toContain(
      `issuer: ${issuer}, no audience configured: tokens for any aud are accepted`,
    );
  });

  it("accepts the issuer's token as a session once its subject is linked to a user", async () => {
    const { url, key } = await waitForBanner(cli);
    const me = (await (
      await fetch(`${url}/v1/auth/whoami`, { headers: { authorization: `Bearer ${key}` } })
    ).json()) as { user_id: string };
    const token = await tokenFor("idp|owner");
    const before = await fetch(`${url}/v1/auth/whoami`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(before.status).toBe(401);
    const linked = await fetch(`${url}/_sandbox/identities`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ issuer, subject: "idp|owner", user_id: me.user_id }),
    });
    expect(linked.status).toBe(201);
    const reply = await fetch(`${url}/v1/auth/whoami`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(reply.status).toBe(200);
    const body = (await reply.json()) as { principal: { kind: string }; user_id: string };
    expect(body.principal.kind).toBe("session");
    expect(body.user_id).toBe(me.user_id);
  });

  it("refuses the same key's token under another issuer with 401", async () => {
    const { url } = await waitForBanner(cli);
    const reply = await fetch(`${url}/v1/auth/whoami`, {
      headers: {
        authorization: `Bearer ${await tokenFor("usr_0000000000000000", "https://other.test")}`,
      },
    });
    expect(reply.status).toBe(401);
    expect(reply.headers.get("www-authenticate")).toMatch(/error="invalid_token"/);
  });
});
