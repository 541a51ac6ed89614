// `--state FILE` keeps Idempotency-Key replays: a create retried after kill -9 is answered from
// the saved replay instead of creating a second time.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startCli, waitForBanner } from "./startCli.js";

const dir = mkdtempSync(join(tmpdir(), "latchkey-replay-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("--state FILE and Idempotency-Key", () => {
  it("replays a create retried after kill -9 instead of creating twice", async () => {
    const file = join(dir, "replays.json");
    const args = ["sandbox", "--port", "0", "--strict", "--quiet", "--state", file];
    const post = (url: string, key: string) =>
      fetch(`${url}/v1/me/api-keys`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${key}`,
          "content-type": "application/json",
          "idempotency-key": "kill-9-retry",
        },
        body: JSON.stringify({ name: "made-once" }),
      });
    const first = startCli(args);
    let key = "";
    let id = "";
    try {
      const banner = await waitForBanner(first);
      key = banner.key;
      const reply = await post(banner.url, key);
      expect(reply.status).toBe(201);
      id = ((await reply.json()) as { id: string }).id;
      first.child.kill("SIGKILL");
      expect(await first.exited).toBe("SIGKILL");
    } finally {
      await first.kill();
    }
    const second = startCli(args);
    try {
      const { url } = await waitForBanner(second);
      const retry = await post(url, key);
      expect(retry.status).toBe(201);
      expect(((await retry.json()) as { id: string }).id).toBe(id);
      const list = (await (
        await fetch(`${url}/v1/me/api-keys`, { headers: { authorization: `Bearer ${key}` } })
      ).json()) as { data: { name: string }[] };
      expect(list.data.filter((k) => k.name === "made-once")).toHaveLength(1);
    } finally {
      await second.kill();
    }
  });
});
