// The shared scenarios through MSW: sandbox.handlers in setupServer, requests made with the
// global fetch, exactly as an app under test would make them.
import { http } from "msw";
import { setupServer } from "msw/node";
import { createSandbox } from "../../../mock/index.js";
import { defineAuthScenarios } from "../scenarios/defineAuthScenarios.js";

defineAuthScenarios("MSW setupServer", async () => {
  const sandbox = createSandbox({ strict: true });
  const server = setupServer(...sandbox.handlers(http));
  server.listen({ onUnhandledRequest: "error" });
  return {
    fetch: globalThis.fetch,
    baseUrl: sandbox.baseUrl,
    advanceClock: async (duration) => sandbox.clock.advance(duration),
    close: async () => server.close(),
  };
});
