// The `sandbox` fixture in-process: a `createSandbox()` seen through the TestSandbox interface.
import type { Sandbox } from "../createSandbox.js";
import type { TestSandbox } from "./TestSandbox.js";

export function inProcessSandbox(sandbox: Sandbox): TestSandbox {
  const { clock } = sandbox;
  return {
    mode: "in-process",
    baseUrl: sandbox.baseUrl,
    fetch: sandbox.fetch,
    clock: {
      now: () => clock.now(),
      advance: async (by) => {
        clock.advance(by);
        return clock.now();
      },
      set: async (at) => {
        clock.set(at);
        return clock.now();
      },
    },
    faults: sandbox.faults,
    createWorkspace: () => sandbox.createWorkspace(),
    createUser: (workspaceId, options) => sandbox.createUser(workspaceId, options),
  };
}
