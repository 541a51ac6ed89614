// `--state FILE`: keys outlive a restart, the file holds no secret, and a kill -9 in the middle
// of a burst of writes leaves a file that loads with every key whose creation was answered.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadState } from "../../../mock/stateFile.js";
import { runFullScenario } from "./fullScenario.js";
import { startCli, waitForBanner } from "./startCli.js";

const dir = mkdtempSync(join(tmpdir(), "latchkey-state-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sandboxWithState(file: string) {
  return startCli(["sandbox", "--port", "0", "--strict", "--quiet", "--state", file]);
}

describe("--state FILE", () => {
  it("keys created before a restart still authenticate after it; the file holds no secret", async () => {
    const file = join(dir, "restart.json");
    const first = sandboxWithState(file);
    let run: Awaited<ReturnType<typeof runFullScenario>>;
    let key = "";
    try {
      const banner = await waitForBanner(first);
      key = banner.key;
      run = await runFullScenario(banner.url);
      first.child.kill("SIGTERM");
      expect(await first.exited).toBe(0);
    } finally {
      await first.kill();
    }

    const text = readFileSync(file, "utf8");
    const leaked = [...run.secrets, key].filter((secret) => text.includes(secret));
    expect(leaked.map((secret) => `${secret.slice(0, 12)}…`)).toEqual([]);

    const second = sandboxWithState(file);
    try {
      const { url } = await waitForBanner(second);
      const reply = await fetch(`${url}/v1/auth/whoami`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(reply.status).toBe(200);
      expect(((await reply.json()) as { principal: { kind: string } }).principal.kind).toBe(
        "user_key",
      );
      // The clock offset survives too: the run advanced it by a minute.
      const clock = (await (await fetch(`${url}/_sandbox/clock`)).json()) as { offset_ms: number };
      expect(clock.offset_ms).toBeGreaterThanOrEqual(60_000);
    } finally {
      await second.kill();
    }
  });

  it("refuses to start on a file that is not a sandbox state, exiting 1 with the reason", async () => {
    const file = join(dir, "stranger.json");
    writeFileSync(file, '{"hello":"world"}');
    const cli = sandboxWithState(file);
    expect(await cli.exited).toBe(1);
    expect(cli.stderr()).toMatch(/is not a latchkey sandbox state \(version is not 1/);
    expect(readFileSync(file, "utf8")).toBe('{"hello":"world"}');
  });

  it("after kill -9 mid-burst, the file loads and holds every key whose create was answered", async () => {
    const file = join(dir, "burst.json");
    const cli = sandboxWithState(file);
    try {
      const { url, key } = await waitForBanner(cli);
      const answered: string[] = [];
      let killed = false;
      const creates = Array.from({ length: 50 }, async (_, i) => {
        try {
          const reply = await fetch(`${url}/v1/me/api-keys`, {
            method: "POST",
            headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
            body: JSON.stringify({ name: `burst-${i}` }),
          });
          const body = (await reply.json()) as { id: string };
          if (reply.status === 201) answered.push(body.id);
          if (answered.length >= 25 && !killed) {
            killed = true;
            cli.child.kill("SIGKILL");
          }
        } catch {
          // Requests in flight when the process died: no answer, no promise.
        }
      });
      await Promise.all(creates);
      expect(await cli.exited).toBe("SIGKILL");
      expect(answered.length).toBeGreaterThanOrEqual(25);

      const state = loadState(file);
      const saved = new Set(state?.keys.map((k) => k.id));
      expect(answered.filter((id) => !saved.has(id))).toEqual([]);
    } finally {
      await cli.kill();
    }
  });
});
