// The app examples run as their users run them, against a sandbox: examples/api-key-app.ts and
// examples/session-app.ts, called through their exported functions with `sandbox.fetch`.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { listAgentNames } from "../../examples/api-key-app.js";
import { whoAmI } from "../../examples/session-app.js";
import { createSandbox, type Sandbox } from "../../mock/index.js";

const dir = mkdtempSync(join(tmpdir(), "latchkey-examples-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let sandbox: Sandbox;
let ws: Awaited<ReturnType<Sandbox["createWorkspace"]>>;
const baseUrl = "http://127.0.0.1:4010";
beforeEach(async () => {
  sandbox = createSandbox();
  ws = await sandbox.createWorkspace();
});

describe("examples/api-key-app.ts", () => {
  it("lists every agent's name, across pages", async () => {
    for (let i = 0; i < 60; i++) {
      const created = await sandbox.fetch(
        new Request(`${baseUrl}/v1/agents`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${ws.owner.user_key.secret}`,
            "content-type": "application/json",
          },
          body: JSON.stringify({ name: `Agent ${i}`, slug: `agent-${i}` }),
        }),
      );
      expect(created.status).toBe(201);
    }
    const names = await listAgentNames({
      baseUrl,
      apiKey: ws.owner.user_key.secret,
      fetch: sandbox.fetch,
    });
    expect(names).toHaveLength(62);
    expect(names.slice(0, 2)).toEqual(["Agent one", "Agent two"]);
  });
});

describe("examples/session-app.ts", () => {
  it("signs in once, keeps the session in its file, and starts from it the next run", async () => {
    const tokenFile = join(dir, "session.json");
    const options = {
      baseUrl,
      email: ws.owner.user.email,
      password: ws.owner.password,
      tokenFile,
      fetch: sandbox.fetch,
      now: () => sandbox.clock.now().getTime(),
    };
    const first = await whoAmI(options);
    expect(first.principal.kind).toBe("session");
    const saved = JSON.parse(readFileSync(tokenFile, "utf8")) as { refreshToken: string };
    expect(saved.refreshToken).toMatch(/^lk_rt_test_/);
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);

    // The next run, after the access token has expired: no password needed, the saved refresh
    // token renews it, and the new pair replaces the old one in the file.
    sandbox.clock.advance("20m");
    const second = await whoAmI({ ...options, password: "not the password" });
    expect(second.user_id).toBe(first.user_id);
    const renewed = JSON.parse(readFileSync(tokenFile, "utf8")) as { refreshToken: string };
    expect(renewed.refreshToken).not.toBe(saved.refreshToken);
  });
});
