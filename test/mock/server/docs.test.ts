// /docs: the built API reference when there is one, and how to build it when there is not.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSandboxServer,
  type SandboxServer,
} from "../../../mock/server/createSandboxServer.js";

const dir = mkdtempSync(join(tmpdir(), "latchkey-docs-"));
const page = "<!doctype html><title>latchkey — Agent Platform API</title><p>reference</p>";

describe("docs page", () => {
  let built: SandboxServer;
  let missing: SandboxServer;

  beforeAll(async () => {
    writeFileSync(join(dir, "index.html"), page);
    built = createSandboxServer({ strict: true, docsFile: join(dir, "index.html") });
    missing = createSandboxServer({ strict: true, docsFile: join(dir, "absent.html") });
    await built.listen(0);
    await missing.listen(0);
  });
  afterAll(async () => {
    await built.close();
    await missing.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves docs/index.html at /docs as HTML", async () => {
    const reply = await fetch(`${built.url}/docs`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await reply.text()).toBe(page);
  });

  it("gives a browser reloading a docs route (/agents) the page, not a JSON 404", async () => {
    const reload = await fetch(`${built.url}/agents`, {
      headers: { accept: "text/html,application/xhtml+xml" },
    });
    expect(reload.status).toBe(200);
    expect(await reload.text()).toBe(page);
    const api = await fetch(`${built.url}/v1/agents`, {
      headers: { accept: "text/html,application/xhtml+xml" },
    });
    expect(api.status).toBe(401);
    expect((await fetch(`${built.url}/agents`)).status).toBe(404);
  });

  it("answers 404 with how to build the docs when they are not built", async () => {
    const reply = await fetch(`${missing.url}/docs`);
    expect(reply.status).toBe(404);
    expect(reply.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await reply.text()).toContain("npm run docs");
  });

  it("leaves every other path to the API (unknown paths are its problem+json 404)", async () => {
    const reply = await fetch(`${built.url}/docs/other`);
    expect(reply.status).toBe(404);
    expect(reply.headers.get("content-type")).toBe("application/problem+json");
    expect(reply.headers.get("x-request-id")).toMatch(/^req_/);
  });
});
