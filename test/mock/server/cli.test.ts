// `latchkey` and `latchkey sandbox` as a person runs them: help, mistakes, the banner, the spec.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openapiYaml } from "../../../src/generated/openapi.js";
import { operationSecurity } from "../../../src/generated/security.js";
import { type Banner, type Cli, startCli, waitForBanner } from "./startCli.js";

/** The curl line's request, made with fetch: `curl -H "Name: value" URL`. */
function parseCurl(line: string): { url: string; headers: Record<string, string> } {
  const match = /^\s*curl -H "([^:]+): ([^"]+)" (\S+)\s*$/.exec(line);
  if (!match) throw new Error(`not a curl line: ${line.replace(/lk_\w+/g, "lk_…")}`);
  return { headers: { [match[1] as string]: match[2] as string }, url: match[3] as string };
}

describe("latchkey sandbox --port 0 --strict", () => {
  let cli: Cli;
  let banner: Banner;

  beforeAll(async () => {
    cli = startCli(["sandbox", "--port", "0", "--strict"]);
    banner = await waitForBanner(cli);
  });
  afterAll(() => cli.kill());

  it("prints a curl line whose exact request answers 200 with the workspace's agents", async () => {
    const line = cli
      .stdout()
      .split("\n")
      .find((l) => l.trimStart().startsWith("curl "));
    const { url, headers } = parseCurl(line ?? "");
    const reply = await fetch(url, { headers });
    expect(reply.status).toBe(200);
    const body = (await reply.json()) as { data: { slug: string }[] };
    expect(body.data.map((agent) => agent.slug)).toEqual(["agent-one", "agent-two"]);
  });

  it("listens on the real port chosen for --port 0, and says so in the banner", async () => {
    const port = Number(new URL(banner.url).port);
    expect(port).toBeGreaterThan(0);
    expect(banner.curlUrl).toBe(`${banner.url}/v1/agents`);
    expect(cli.stdout()).toContain(`docs:   ${banner.url}/docs`);
    expect((await fetch(`${banner.url}/_sandbox/clock`)).status).toBe(200);
  });

  it("prints a second curl line that invokes the starter agent with its own agent key", async () => {
    const line = cli
      .stdout()
      .split("\n")
      .find((l) => l.includes("/v1/invoke/"));
    const match =
      /^\s*curl -H "Authorization: Bearer (lk_agk_\S+)" -H "Content-Type: application\/json" -d '(.+)' (\S+)\s*$/.exec(
        line ?? "",
      );
    expect(match, "an invoke curl line with an agent key").not.toBeNull();
    const [, key, body, url] = match as unknown as [string, string, string, string];
    expect(url).toBe(`${banner.url}/v1/invoke/agent-one`);
    const reply = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body,
    });
    expect(reply.status).toBe(200);
    expect(((await reply.json()) as { output: string }).output).toContain("Hello");
  });

  it("answers GET /_sandbox/health with 200 for a CI wait-on step, and names it in the banner", async () => {
    expect(cli.stdout()).toContain(`health: ${banner.url}/_sandbox/health`);
    const reply = await fetch(`${banner.url}/_sandbox/health`);
    expect(reply.status).toBe(200);
    expect(((await reply.json()) as { status: string }).status).toBe("ok");
  });

  it("says strict mode is on", () => {
    expect(cli.stdout()).toMatch(/strict: on/);
  });

  it("serves the spec it enforces at /openapi.yaml and /openapi.json", async () => {
    const yaml = await fetch(`${banner.url}/openapi.yaml`);
    expect(yaml.status).toBe(200);
    expect(await yaml.text()).toBe(openapiYaml);
    const json = await fetch(`${banner.url}/openapi.json`);
    expect(json.status).toBe(200);
    expect(json.headers.get("content-type")).toMatch(/^application\/json/);
    expect(((await json.json()) as { openapi: string }).openapi).toBe("3.1.0");
  });

  it("redirects / to the docs at /docs", async () => {
    const reply = await fetch(`${banner.url}/`, { redirect: "manual" });
    expect(reply.status).toBe(302);
    expect(reply.headers.get("location")).toBe("/docs");
    const docs = await fetch(`${banner.url}/docs`);
    // Built (200) or not (404 with instructions): either way an HTML page, never the API's 404.
    expect(docs.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await docs.text()).toMatch(docs.status === 200 ? /<title>latchkey/ : /npm run docs/);
  });
});

describe("latchkey sandbox --rate-limit 2/1m", () => {
  it("answers the third request of a credential in the window with 429 and Retry-After", async () => {
    const cli = startCli(["sandbox", "--port", "0", "--strict", "--quiet", "--rate-limit", "2/1m"]);
    try {
      const { url, key } = await waitForBanner(cli);
      const headers = { authorization: `Bearer ${key}` };
      const statuses = [];
      let last: Response | undefined;
      for (let i = 0; i < 3; i++) {
        last = await fetch(`${url}/v1/agents`, { headers });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 429]);
      expect(last?.headers.get("ratelimit-limit")).toBe("2");
      expect(Number(last?.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      await cli.kill();
    }
  });
});

describe("latchkey command line", () => {
  it("prints help and exits 0 for --help", async () => {
    const cli = startCli(["--help"]);
    expect(await cli.exited).toBe(0);
    expect(cli.stdout()).toMatch(/Usage: latchkey <command>/);
    const sandbox = startCli(["sandbox", "--help"]);
    expect(await sandbox.exited).toBe(0);
    expect(sandbox.stdout()).toMatch(/--state FILE/);
  });

  it("names every /_sandbox control of the spec in latchkey sandbox --help", async () => {
    const sandbox = startCli(["sandbox", "--help"]);
    expect(await sandbox.exited).toBe(0);
    const controls = Object.values(operationSecurity)
      .filter(({ path }) => path.startsWith("/_sandbox/"))
      .map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect(controls.length).toBeGreaterThanOrEqual(5);
    for (const control of controls) expect(sandbox.stdout()).toContain(control);
  });

  it("prints the sandbox's help for latchkey help sandbox", async () => {
    const cli = startCli(["help", "sandbox"]);
    expect(await cli.exited).toBe(0);
    expect(cli.stdout()).toMatch(/^Usage: latchkey sandbox \[options\]/);
    expect(cli.stdout()).toMatch(/--state FILE/);
  });

  it("exits 2 with a clear message for a bad flag", async () => {
    const cli = startCli(["sandbox", "--port", "eighty"]);
    expect(await cli.exited).toBe(2);
    expect(cli.stderr()).toMatch(/--port eighty: expected a port number/);
  });

  it("exits 2 for an unknown command", async () => {
    const cli = startCli(["sandbox-please"]);
    expect(await cli.exited).toBe(2);
    expect(cli.stderr()).toMatch(/unknown command "sandbox-please"/);
  });

  it("exits 1 and names the port when it is already taken", async () => {
    const first = startCli(["sandbox", "--port", "0", "--quiet"]);
    try {
      const { url } = await waitForBanner(first);
      const port = new URL(url).port;
      const second = startCli(["sandbox", "--port", port]);
      expect(await second.exited).toBe(1);
      expect(second.stderr()).toContain(`127.0.0.1:${port} is in use`);
      expect(second.stderr()).toContain(`"latchkey sandbox --port 0"`);
      // Run by `npm start`, the way to pass the flag is through npm.
      const third = startCli(["sandbox", "--port", port], {
        env: { npm_lifecycle_event: "start" },
      });
      expect(await third.exited).toBe(1);
      expect(third.stderr()).toContain(`run "npm start -- --port 0" to take a free port`);
    } finally {
      await first.kill();
    }
  });
});

describe("latchkey sandbox --log json", () => {
  it("writes one JSON object a line on stdout, secrets redacted, and the banner on stderr", async () => {
    const cli = startCli(["sandbox", "--port", "0", "--log", "json"]);
    try {
      await cli.waitFor(/"event":"listening"/);
      const url = (JSON.parse(cli.stdout().split("\n")[0] ?? "{}") as { url: string }).url;
      const key = /Bearer (lk_usr_\S+)"/.exec(cli.stderr())?.[1] ?? "";
      expect(key).not.toBe("");
      await fetch(`${url}/v1/agents`, { headers: { authorization: `Bearer ${key}` } });
      await fetch(`${url}/v1/agents?api_key=${key}`);
      await cli.waitFor(/api_key=\[redacted\]/);
      const lines = cli.stdout().trim().split("\n");
      const objects = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      const requests = objects.filter((object) => object.method === "GET");
      expect(requests.map((r) => [r.status, r.path])).toEqual([
        [200, "/v1/agents"],
        [400, "/v1/agents?api_key=[redacted]"],
      ]);
      expect(requests[0]).toMatchObject({ principal: expect.stringMatching(/^user_key:key_/) });
      expect(cli.stdout()).not.toContain(key);
      expect(cli.stdout()).not.toContain(key.slice(12));
    } finally {
      await cli.kill();
    }
  });

  it("refuses another format with a sentence naming the choices", async () => {
    const cli = startCli(["sandbox", "--log", "xml"]);
    expect(await cli.exited).toBe(2);
    expect(cli.stderr()).toContain("--log xml: expected text or json.");
  });
});
