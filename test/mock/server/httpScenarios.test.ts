// The shared scenarios over real HTTP against `latchkey sandbox --strict`, a child process: the
// same suite that runs in-process and through MSW, so all three must behave alike.
import { defineAuthScenarios } from "../scenarios/defineAuthScenarios.js";
import { startCli, waitForBanner } from "./startCli.js";

defineAuthScenarios("over HTTP against latchkey sandbox", async () => {
  const cli = startCli(["sandbox", "--port", "0", "--strict", "--quiet"]);
  try {
    const { url } = await waitForBanner(cli);
    return {
      fetch: globalThis.fetch,
      baseUrl: url,
      async advanceClock(duration) {
        const reply = await fetch(`${url}/_sandbox/clock`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ advance: duration }),
        });
        if (reply.status !== 200) throw new Error(`advancing the clock failed: ${reply.status}`);
      },
      close: () => cli.kill(),
    };
  } catch (error) {
    await cli.kill();
    throw error;
  }
});
