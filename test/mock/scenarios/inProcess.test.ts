// The shared scenarios against `sandbox.fetch`: the engine called directly, nothing global.
import { createSandbox } from "../../../mock/index.js";
import { defineAuthScenarios } from "./defineAuthScenarios.js";

defineAuthScenarios("in-process sandbox.fetch", async () => {
  const sandbox = createSandbox({ strict: true });
  return {
    fetch: sandbox.fetch as typeof fetch,
    baseUrl: sandbox.baseUrl,
    advanceClock: async (duration) => sandbox.clock.advance(duration),
    close: async () => {},
  };
});
