// Request logs: one line per request (but reads of the request journal, which an open inspector
// makes every second), and not one secret issued during the run in any of them.
import { describe, expect, it } from "vitest";
import { runFullScenario } from "./fullScenario.js";
import { startCli, waitForBanner } from "./startCli.js";

describe("request logs", () => {
  it("logs one line per request but journal reads, and never a secret, even one sent in a query string", async () => {
    const cli = startCli(["sandbox", "--port", "0", "--strict"]);
    try {
      const banner = await waitForBanner(cli);
      const run = await runFullScenario(banner.url);
      cli.child.kill("SIGTERM");
      expect(await cli.exited).toBe(0);

      const log = cli.stdout().split("Press Ctrl+C to stop.\n")[1] ?? "";
      const lines = log.split("\n").filter((line) => / (GET|POST|DELETE) \//.test(line));
      const journalReads = run.calls.filter((call) => call.path.startsWith("/_sandbox/requests"));
      expect(journalReads.length).toBeGreaterThan(0);
      expect(lines.length).toBe(run.calls.length - journalReads.length);
      expect(log).not.toContain("/_sandbox/requests");
      // A refused request names the check that refused it.
      expect(log).toMatch(
        / 401 GET \/v1\/agents\S* [\d.]+ms \S+ credentials_missing \(credential\) req_/,
      );
      expect(log).toContain("/v1/agents?api_key=[redacted]");
      // The banner's own key, too: it was shown once, on purpose, above the log.
      const secrets = [...run.secrets, banner.key];
      expect(secrets.length).toBeGreaterThan(20);
      const leaked = secrets.filter(
        (secret) => log.includes(secret) || cli.stderr().includes(secret),
      );
      expect(leaked.map((secret) => `${secret.slice(0, 12)}…`)).toEqual([]);
    } finally {
      await cli.kill();
    }
  });
});
