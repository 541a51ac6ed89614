// A real browser as the attacker (issue 7, item 1): a page of another origin sends the requests a
// page can send without a preflight (no-cors, text/plain) to the sandbox's controls. With the
// default CORS (any origin may read the API), the controls must still refuse them.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandboxServer, type SandboxServer } from "../../mock/server/createSandboxServer.js";
import {
  browserSuiteTitle,
  type ChromiumSession,
  launchChromium,
  skipBrowserTests,
} from "./launchChromium.js";
import { type DirectoryServer, serveDirectory } from "./serveDirectory.js";

describe.skipIf(skipBrowserTests)(
  browserSuiteTitle("the sandbox's controls against a page of another origin, in Chromium"),
  () => {
    let dir = "";
    let pages: DirectoryServer | undefined;
    let sandbox: SandboxServer | undefined;
    let browser: ChromiumSession | undefined;
    let sandboxUrl = "";

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "latchkey-attacker-"));
      await writeFile(join(dir, "index.html"), "<!doctype html><title>elsewhere</title>\n");
      pages = await serveDirectory(dir);
      sandbox = createSandboxServer();
      sandboxUrl = await sandbox.listen(0, "127.0.0.1");
      // rebind.test resolves to loopback: what a DNS rebinding attacker's name does after its switch.
      browser = await launchChromium(["--host-resolver-rules=MAP rebind.test 127.0.0.1"]);
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await sandbox?.close();
      await pages?.close();
      await rm(dir, { recursive: true, force: true });
    });

    it("refuses a page's simple cross-origin POSTs to the controls: no reset, no clock move", async () => {
      const created = await fetch(`${sandboxUrl}/_sandbox/workspaces`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      const key: string = (await created.json()).owner.user_key.secret;
      const before = await (await fetch(`${sandboxUrl}/_sandbox/clock`)).json();
      const session = await browser?.newPage();
      if (!session) throw new Error("no browser");
      await session.page.goto(`${pages?.url}/index.html`);
      // What any page can do: the browser sends these without asking, the page cannot read them.
      await session.page.evaluate(async (target) => {
        const simple = {
          method: "POST",
          mode: "no-cors",
          headers: { "content-type": "text/plain" },
        };
        await fetch(`${target}/_sandbox/clock`, {
          ...simple,
          body: '{"advance":"400d"}',
        } as RequestInit);
        await fetch(`${target}/_sandbox/reset`, { ...simple, body: "{}" } as RequestInit);
      }, sandboxUrl);
      const agents = await fetch(`${sandboxUrl}/v1/agents`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(agents.status).toBe(200);
      const after = await (await fetch(`${sandboxUrl}/_sandbox/clock`)).json();
      expect(after.offset_ms).toBe(before.offset_ms);
    });

    it("refuses a DNS rebinding page: its own name as Host gets 403, so it reads and resets nothing", async () => {
      const created = await fetch(`${sandboxUrl}/_sandbox/workspaces`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      const key: string = (await created.json()).owner.user_key.secret;
      const session = await browser?.newPage();
      if (!session) throw new Error("no browser");
      // The page's origin is the attacker's name, now resolving to the sandbox: same-origin to it.
      const rebound = sandboxUrl.replace("127.0.0.1", "rebind.test");
      await session.page.goto(`${rebound}/docs`);
      const statuses = await session.page.evaluate(async () => {
        const json = { "content-type": "application/json" };
        const made = await fetch("/_sandbox/workspaces", {
          method: "POST",
          headers: json,
          body: "{}",
        });
        const reset = await fetch("/_sandbox/reset", { method: "POST", headers: json, body: "{}" });
        return { made: made.status, reset: reset.status, code: (await reset.json()).code };
      });
      expect(statuses).toEqual({ made: 403, reset: 403, code: "host_not_allowed" });
      const agents = await fetch(`${sandboxUrl}/v1/agents`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(agents.status).toBe(200);
    });
  },
);
