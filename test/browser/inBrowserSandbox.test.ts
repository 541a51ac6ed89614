// The SDK in a real browser against the sandbox running in the same page, reached through MSW's
// service worker: what a front-end test suite does with `setupWorker(...sandbox.handlers(http))`.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildFixtureSite, type FixtureSite } from "./buildFixtureSite.js";
import type { InBrowserScenarios } from "./fixtures/inBrowserSandbox.js";
import {
  browserSuiteTitle,
  type ChromiumSession,
  launchChromium,
  skipBrowserTests,
} from "./launchChromium.js";
import { type FixturePage, openFixturePage } from "./openFixturePage.js";
import { type DirectoryServer, serveDirectory } from "./serveDirectory.js";

describe.skipIf(skipBrowserTests)(
  browserSuiteTitle("the SDK in Chromium against the in-browser sandbox (MSW setupWorker)"),
  () => {
    let site: FixtureSite | undefined;
    let server: DirectoryServer | undefined;
    let browser: ChromiumSession | undefined;
    let fixture: FixturePage<InBrowserScenarios>;

    beforeAll(async () => {
      site = await buildFixtureSite(["inBrowserSandbox"]);
      server = await serveDirectory(site.dir);
      browser = await launchChromium();
      fixture = await openFixturePage<InBrowserScenarios>(browser, server.url, "inBrowserSandbox");
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await site?.remove();
    });

    afterEach(() => {
      expect(fixture?.errors ?? [], "script errors in the page").toEqual([]);
    });

    it("creates a workspace through the service worker and the in-page engine", async () => {
      const result = await fixture.run("createWorkspace");
      expect(result.status).toBe(201);
      expect(result.workspaceId).toMatch(/^ws_/);
      expect(result.controlled).toBe(true);
      expect(result.logged).toContain("POST /_sandbox/workspaces 201");
      expect(result.inSnapshot).toBe(true);
    });

    it("lists the workspace's agents with a user key", async () => {
      const result = await fixture.run("listAgents");
      expect(result.status).toBe(200);
      expect(result.agentIds).toEqual(result.expectedAgentIds);
      expect(result.agentIds).toHaveLength(2);
      expect(result.requestId).toMatch(/^req_[0-9A-Za-z]{16}$/);
    });

    it("refuses a viewer's new agent with a PermissionDeniedError naming agents:write", async () => {
      const result = await fixture.run("createAgentAsViewer");
      expect(result).toMatchObject({
        name: "PermissionDeniedError",
        isPermissionDenied: true,
        status: 403,
        code: "insufficient_scope",
        requiredScopes: ["agents:write"],
      });
      expect(result.requestId).toMatch(/^req_/);
      expect(result.headers["WWW-Authenticate"]).toContain('error="insufficient_scope"');
      expect(result.headers["WWW-Authenticate"]).toContain('scope="agents:write"');
    });

    it("signs a session in and refreshes it ahead of the access token's expiry", async () => {
      const result = await fixture.run("sessionLoginAndRefresh");
      expect(result.kinds).toEqual(["session", "session"]);
      expect(result.tokenSets).toBe(2);
      expect(result.distinctAccessTokens).toBe(2);
      // Ahead of expiry: the old token is never sent once it is about to expire, so no 401.
      expect(result.requests).toEqual([
        "POST /v1/auth/authenticate 200",
        "GET /v1/auth/whoami 200",
        "POST /v1/auth/refresh 200",
        "GET /v1/auth/whoami 200",
      ]);
    });
  },
);
