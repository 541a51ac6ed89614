// The docs page carries the starter workspace's key only to the sandbox's own origin (or a
// reader's own navigation), and never into a cache; saved or served elsewhere it has none.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSandboxServer,
  type SandboxServer,
} from "../../../mock/server/createSandboxServer.js";
import { starterKeySlot } from "../../../mock/server/docsStarterKey.js";

const dir = mkdtempSync(join(tmpdir(), "latchkey-docs-key-"));
const key = "lk_usr_test_0123456789abcdefghijABCDEFGHIJ01";
const page = `<!doctype html><title>docs</title>${starterKeySlot}`;
let sandbox: SandboxServer;
let url = "";

beforeAll(async () => {
  writeFileSync(join(dir, "index.html"), page);
  sandbox = createSandboxServer({ docsFile: join(dir, "index.html"), docsStarterKey: () => key });
  url = await sandbox.listen(0);
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

const docs = (headers: Record<string, string> = {}) => fetch(`${url}/docs`, { headers });

describe("the docs page's starter key", () => {
  it("is in the page a reader opens, which no cache may store", async () => {
    const answer = await docs({ "sec-fetch-site": "none", "sec-fetch-mode": "navigate" });
    expect(await answer.text()).toContain(JSON.stringify({ userKey: key }));
    expect(answer.headers.get("cache-control")).toBe("no-store");
  });

  it("is in the page the sandbox's own origin asks for", async () => {
    const answer = await docs({ "sec-fetch-site": "same-origin", origin: url });
    expect(await answer.text()).toContain(key);
  });

  it("is not in a page another site asks for, by fetch or in a frame", async () => {
    for (const site of ["cross-site", "same-site"]) {
      const text = await (await docs({ "sec-fetch-site": site })).text();
      expect(text).not.toContain(key);
      expect(text).toContain(starterKeySlot);
    }
  });

  it("is not in a page asked for with another Origin", async () => {
    expect(await (await docs({ origin: "http://evil.example" })).text()).not.toContain(key);
  });

  it("the page is also served from its gzip, as the package ships it", async () => {
    const gzDir = mkdtempSync(join(tmpdir(), "latchkey-docs-gz-"));
    writeFileSync(join(gzDir, "index.html.gz"), gzipSync(page));
    const server = createSandboxServer({ docsFile: join(gzDir, "index.html") });
    try {
      const answer = await fetch(`${await server.listen(0)}/docs`);
      expect(answer.status).toBe(200);
      expect(await answer.text()).toBe(page);
    } finally {
      await server.close();
      rmSync(gzDir, { recursive: true, force: true });
    }
  });
});
