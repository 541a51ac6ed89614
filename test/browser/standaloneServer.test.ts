// The SDK in a real browser against the standalone sandbox server over HTTP, from another origin:
// CORS preflights, exposed headers, an EventSource on a stream-token URL and a download link.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSandboxServer, type SandboxServer } from "../../mock/server/createSandboxServer.js";
import { buildFixtureSite, type FixtureSite } from "./buildFixtureSite.js";
import type { StandaloneScenarios } from "./fixtures/standaloneServer.js";
import {
  browserSuiteTitle,
  type ChromiumSession,
  launchChromium,
  skipBrowserTests,
} from "./launchChromium.js";
import { type FixturePage, openFixturePage } from "./openFixturePage.js";
import { type DirectoryServer, serveDirectory } from "./serveDirectory.js";

describe.skipIf(skipBrowserTests)(
  browserSuiteTitle("the SDK in Chromium against the standalone sandbox, across origins"),
  () => {
    let site: FixtureSite | undefined;
    let pages: DirectoryServer | undefined;
    let sandbox: SandboxServer | undefined;
    let browser: ChromiumSession | undefined;
    let fixture: FixturePage<StandaloneScenarios>;
    let sandboxUrl = "";

    beforeAll(async () => {
      site = await buildFixtureSite(["standaloneServer"]);
      pages = await serveDirectory(site.dir);
      // Only the page's origin is allowed: the exact-origin CORS path, stricter than the default *.
      sandbox = createSandboxServer({ strict: true, corsOrigins: [pages.url] });
      sandboxUrl = await sandbox.listen(0, "127.0.0.1");
      browser = await launchChromium();
      fixture = await openFixturePage<StandaloneScenarios>(browser, pages.url, "standaloneServer", {
        sandbox: sandboxUrl,
      });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await sandbox?.close();
      await pages?.close();
      await site?.remove();
    });

    afterEach(() => {
      expect(fixture?.errors ?? [], "script errors in the page").toEqual([]);
    });

    it("creates a workspace from a page of another origin (a preflighted JSON POST)", async () => {
      const result = await fixture.run("createWorkspace");
      expect(result.pageOrigin).not.toBe(result.sandboxOrigin);
      expect(result.sandboxOrigin).toBe(sandboxUrl);
      expect(result.status).toBe(201);
      expect(result.workspaceId).toMatch(/^ws_/);
    });

    it("reads X-Request-Id of a cross-origin response", async () => {
      const result = await fixture.run("listAgents");
      expect(result.status).toBe(200);
      expect(result.count).toBe(2);
      expect(result.requestId).toMatch(/^req_[0-9A-Za-z]{16}$/);
    });

    it("reads WWW-Authenticate of a cross-origin 401 and types the error", async () => {
      const result = await fixture.run("forgedKey");
      expect(result).toMatchObject({ name: "AuthenticationError", status: 401 });
      expect(result.code).toBe("token_malformed");
      expect(result.headers["WWW-Authenticate"]).toMatch(
        /^Bearer realm="latchkey", error="invalid_token", error_description="/,
      );
      expect(result.challenge).toMatchObject({ scheme: "Bearer", error: "invalid_token" });
      expect(result.headers["X-Request-Id"]).toMatch(/^req_/);
      expect(result.requestId).toBe(result.headers["X-Request-Id"]);
    });

    it("reads the required scope of a cross-origin 403 from WWW-Authenticate", async () => {
      const result = await fixture.run("createAgentAsViewer");
      expect(result).toMatchObject({ name: "PermissionDeniedError", status: 403 });
      expect(result.code).toBe("insufficient_scope");
      expect(result.headers["WWW-Authenticate"]).toContain('scope="agents:write"');
      expect(result.requiredScopes).toEqual(["agents:write"]);
    });

    it("streams a job's progress then done to an EventSource on streamUrl()", async () => {
      const result = await fixture.run("streamWithEventSource");
      expect(result.tokenInUrl).toBe(true);
      expect(result.urlOrigin).toBe(sandboxUrl);
      expect(result.events).toEqual([
        { type: "progress", id: "1", jobId: result.jobId, progress: 33, status: undefined },
        { type: "progress", id: "2", jobId: result.jobId, progress: 67, status: undefined },
        { type: "progress", id: "3", jobId: result.jobId, progress: 100, status: undefined },
        { type: "done", id: "4", jobId: result.jobId, progress: undefined, status: "succeeded" },
      ]);
    });

    it("downloads a file from downloadUrl() with no header, but not without its token", async () => {
      const result = await fixture.run("downloadWithoutHeaders");
      expect(result.tokenInUrl).toBe(true);
      expect(result.status).toBe(200);
      expect(result.text).toBe(`Hello from agent ${result.agentId}.\n`);
      expect(result.withoutToken).toEqual({ status: 401, code: "credentials_missing" });
    });
  },
);
