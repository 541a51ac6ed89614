// SIGTERM: stop accepting, end open event streams, write the state a last time, exit 0.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadState } from "../../../mock/stateFile.js";
import { startCli, waitForBanner } from "./startCli.js";

const dir = mkdtempSync(join(tmpdir(), "latchkey-shutdown-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("graceful shutdown", () => {
  it("on SIGTERM ends open event streams, writes the state file and exits 0", async () => {
    const stateFile = join(dir, "state.json");
    // One event a second: the stream is certainly still open when the signal comes.
    const cli = startCli([
      "sandbox",
      "--port=0",
      "--strict",
      "--quiet",
      "--state",
      stateFile,
      "--stream-interval",
      "1000",
    ]);
    try {
      const { url, key } = await waitForBanner(cli);
      const auth = { authorization: `Bearer ${key}` };
      const agents = (await (await fetch(`${url}/v1/agents`, { headers: auth })).json()) as {
        data: { id: string }[];
      };
      const job = (await (
        await fetch(`${url}/v1/generate`, {
          method: "POST",
          headers: {
            ...auth,
            "content-type": "application/json",
            "x-agent-id": agents.data[0]?.id ?? "",
          },
          body: JSON.stringify({ prompt: "slow", steps: 20 }),
        })
      ).json()) as { id: string };
      const stream = await fetch(`${url}/v1/generate/${job.id}/stream`, { headers: auth });
      expect(stream.status).toBe(200);
      // The final write must be the shutdown's own: remove what the requests wrote.
      rmSync(stateFile);

      const started = Date.now();
      cli.child.kill("SIGTERM");
      const text = await stream.text();
      expect(await cli.exited).toBe(0);
      expect(Date.now() - started).toBeLessThan(5_000);
      // Ended early: it has fewer events than the job's 21.
      expect(text.match(/^id: /gm)?.length ?? 0).toBeLessThan(21);
      expect(existsSync(stateFile)).toBe(true);
      expect(loadState(stateFile)?.jobs.map((j) => j.id)).toContain(job.id);
      expect(cli.stdout()).toContain(`Stopped; state saved to ${stateFile}.`);
      // Stopped accepting: nothing answers on the port any more.
      await expect(fetch(`${url}/_sandbox/clock`)).rejects.toThrow();
    } finally {
      await cli.kill();
    }
  });
});
