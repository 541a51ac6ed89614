// The inspector at /_sandbox/inspector, in Chromium: it lists requests as they arrive, draws a
// refused request's decision chain with the deciding check marked, talks to nothing but its own
// sandbox, shows no secret, and obeys the Host and cross-origin rules of every control.
// LATCHKEY_UPDATE_SCREENSHOTS=1 also writes docs/screenshots/inspector.png (the README shows it).
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandboxServer, type SandboxServer } from "../../mock/server/createSandboxServer.js";
import {
  browserSuiteTitle,
  type ChromiumSession,
  launchChromium,
  skipBrowserTests,
} from "./launchChromium.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const update = process.env.LATCHKEY_UPDATE_SCREENSHOTS === "1";

describe.skipIf(skipBrowserTests)(browserSuiteTitle("the request inspector, in Chromium"), () => {
  let sandbox: SandboxServer;
  let browser: ChromiumSession | undefined;
  let page: Page;
  let errors: string[] = [];
  let url = "";
  const secrets: string[] = [];
  const requested: string[] = [];

  beforeAll(async () => {
    sandbox = createSandboxServer({ seed: 7 });
    url = await sandbox.listen(0);
    const ws = await (
      await fetch(`${url}/_sandbox/workspaces`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "inspector" }),
      })
    ).json();
    const viewer = await (
      await fetch(`${url}/_sandbox/workspaces/${ws.workspace.id}/users`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ role: "viewer" }),
      })
    ).json();
    secrets.push(ws.owner.user_key.secret, viewer.user_key.secret, ws.agents[0].key.secret);
    const call = (path: string, key: string, init: RequestInit = {}) =>
      fetch(`${url}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${key}`, ...init.headers },
      });
    await call("/v1/agents", ws.owner.user_key.secret);
    await call(`/v1/invoke/${ws.agents[0].agent.slug}`, ws.agents[0].key.secret, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ input: "Hello" }),
    });
    await fetch(`${url}/v1/agents?api_key=${ws.owner.user_key.secret}`);
    await call("/v1/agents", viewer.user_key.secret, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Reports", slug: "reports" }),
    });
    browser = await launchChromium();
    ({ page, errors } = await browser.newPage());
    page.on("request", (request) => requested.push(request.url()));
    await page.setViewportSize({ width: 1400, height: 800 });
    await page.goto(`${url}/_sandbox/inspector`, { waitUntil: "load" });
    await page.waitForSelector("#rows tr", { timeout: 15_000 });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
  });

  it("lists the requests, newest first", async () => {
    const statuses = await page.$$eval("#rows td.status", (cells) =>
      cells.map((c) => c.textContent),
    );
    expect(statuses.slice(0, 4)).toEqual(["403", "400", "200", "200"]);
  });

  it("draws a refused request's chain, the deciding check marked", async () => {
    await page.click("#rows tr.refused");
    await page.waitForSelector(".chain .step.deciding");
    const deciding = await page.$eval(".chain .step.deciding", (li) => ({
      cls: li.className,
      check: li.querySelector(".check")?.textContent,
    }));
    expect(deciding).toEqual({ cls: "step fail deciding", check: "scope" });
    const missing = await page.$$eval(".scope.missing", (spans) => spans.map((s) => s.textContent));
    expect(missing).toEqual(["✗ agents:write"]);
    if (update) {
      await writeFile(`${root}docs/screenshots/inspector.png`, await page.screenshot());
    }
  });

  it("adds new requests as they arrive, and filters by status", async () => {
    await fetch(`${url}/v1/nowhere`);
    await page.waitForFunction(() =>
      [...document.querySelectorAll("#rows td")].some((td) => td.textContent === "GET /v1/nowhere"),
    );
    await page.fill("#status", "403");
    await page.dispatchEvent("#status", "change");
    await page.waitForFunction(() =>
      [...document.querySelectorAll("#rows td.status")].every((td) => td.textContent === "403"),
    );
  });

  it("shows no secret, and requests nothing but its own sandbox", async () => {
    const html = await page.content();
    for (const secret of secrets) expect(html.includes(secret)).toBe(false);
    expect(requested.length).toBeGreaterThan(1);
    for (const address of requested) expect(address.startsWith(`${url}/`)).toBe(true);
    expect(errors).toEqual([]);
  });

  it("is served with a Content-Security-Policy that allows only its own origin", async () => {
    const reply = await fetch(`${url}/_sandbox/inspector`);
    const csp = reply.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
  });

  it("refuses another origin's page and a Host it does not answer to, like every control", async () => {
    const crossSite = await fetch(`${url}/_sandbox/inspector`, {
      headers: { origin: "http://evil.test", "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.status).toBe(403);
    const { request } = await import("node:http");
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${url}/_sandbox/inspector`,
        { headers: { host: "evil.test" } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it("is not journaled, and neither is its polling", async () => {
    const listed = await (await fetch(`${url}/_sandbox/requests?limit=100`)).json();
    const paths = listed.data.map((entry: { path: string }) => entry.path);
    expect(paths.some((path: string) => path.startsWith("/_sandbox/requests"))).toBe(false);
    expect(paths.some((path: string) => path.startsWith("/_sandbox/inspector"))).toBe(false);
  });
});
