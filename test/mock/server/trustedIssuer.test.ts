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

  it("accepts the issuer's token for a sandbox user as a session", async () => {
    const { url, key } = await waitForBanner(cli);
    const me = (await (
      await fetch(`${url}/v1/auth/whoami`, { headers: { authorization: `Bearer ${key}` } })
    ).json()) as { user_id: string };
    const reply = await fetch(`${url}/v1/auth/whoami`, {
      headers: { authorization: `Bearer ${await tokenFor(me.user_id)}` },
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
