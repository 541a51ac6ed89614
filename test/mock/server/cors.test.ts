// CORS: what a browser asks before calling the sandbox, and what its scripts may read after.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corsAllowedHeaders, corsExposedHeaders } from "../../../mock/server/createCors.js";
import { type Banner, type Cli, startCli, waitForBanner } from "./startCli.js";

function preflight(url: string, origin: string): Promise<Response> {
  return fetch(url, {
    method: "OPTIONS",
    headers: {
      origin,
      "access-control-request-method": "POST",
      "access-control-request-headers": "authorization, x-agent-id, content-type",
    },
  });
}

describe("CORS with the default (any origin)", () => {
  let cli: Cli;
  let banner: Banner;
  beforeAll(async () => {
    cli = startCli(["sandbox", "--port", "0", "--strict", "--quiet"]);
    banner = await waitForBanner(cli);
  });
  afterAll(() => cli.kill());

  it("answers a preflight with 204, the spec's methods and every credential header", async () => {
    const reply = await preflight(`${banner.url}/v1/agents`, "http://localhost:5173");
    expect(reply.status).toBe(204);
    expect(reply.headers.get("access-control-allow-origin")).toBe("*");
    expect(reply.headers.get("access-control-allow-methods")).toBe("GET, POST, DELETE, OPTIONS");
    const allowed = reply.headers.get("access-control-allow-headers")?.split(", ");
    expect(allowed).toEqual(corsAllowedHeaders);
    for (const name of ["Authorization", "X-API-Key", "Api-Key", "X-Agent-ID", "Last-Event-ID"]) {
      expect(allowed).toContain(name);
    }
  });

  it("lets a page read X-Request-Id, WWW-Authenticate, RateLimit-* and Retry-After", async () => {
    const reply = await fetch(`${banner.url}/v1/agents`, {
      headers: { origin: "http://localhost:5173" },
    });
    expect(reply.status).toBe(401);
    expect(reply.headers.get("access-control-allow-origin")).toBe("*");
    expect(reply.headers.get("access-control-expose-headers")?.split(", ")).toEqual(
      corsExposedHeaders,
    );
    expect(corsExposedHeaders).toEqual([
      "X-Request-Id",
      "WWW-Authenticate",
      "RateLimit-Limit",
      "RateLimit-Remaining",
      "RateLimit-Reset",
      "Retry-After",
    ]);
  });
});

describe("CORS with --cors-origin", () => {
  let cli: Cli;
  let banner: Banner;
  beforeAll(async () => {
    cli = startCli(["sandbox", "--port", "0", "--quiet", "--cors-origin", "http://app.test:3000"]);
    banner = await waitForBanner(cli);
  });
  afterAll(() => cli.kill());

  it("allows the listed origin by name, with Vary: Origin", async () => {
    const reply = await preflight(`${banner.url}/v1/agents`, "http://app.test:3000");
    expect(reply.headers.get("access-control-allow-origin")).toBe("http://app.test:3000");
    expect(reply.headers.get("vary")).toBe("Origin");
    const call = await fetch(`${banner.url}/_sandbox/clock`, {
      headers: { origin: "http://app.test:3000" },
    });
    expect(call.headers.get("access-control-allow-origin")).toBe("http://app.test:3000");
  });

  it("gives any other origin no Allow-Origin, so the browser refuses the call", async () => {
    const reply = await preflight(`${banner.url}/v1/agents`, "http://evil.test");
    expect(reply.headers.get("access-control-allow-origin")).toBeNull();
    expect(reply.headers.get("access-control-allow-methods")).toBeNull();
    const call = await fetch(`${banner.url}/_sandbox/clock`, {
      headers: { origin: "http://evil.test" },
    });
    expect(call.headers.get("access-control-allow-origin")).toBeNull();
  });
});
