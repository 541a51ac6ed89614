// The `sandbox` fixture against a standalone `latchkey sandbox` (LATCHKEY_SANDBOX_URL): the same
// interface, every control an HTTP call. Parallel workers share the server; each test works in
// its own workspace, and fault rules are per workspace, so only the clock is shared (see README).
import { createSandboxFaults } from "../sandboxFaults.js";
import { sandboxControls } from "./sandboxControls.js";
import type { TestSandbox } from "./TestSandbox.js";

export interface RemoteSandbox extends TestSandbox {
  /** Puts the server's clock back where it was when the test began, if the test moved it. */
  restoreClock(): Promise<void>;
}

export async function remoteSandbox(url: string): Promise<RemoteSandbox> {
  const baseUrl = url.replace(/\/+$/, "");
  // The global fetch, looked up per call so a test's own interception still applies.
  const send = (input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init);
  const controls = sandboxControls(send, baseUrl);
  const initial = (await controls.clock()).offset_ms;
  // The server's clock is real time plus an offset; the machine's real time is the same (the
  // server is local), so `now()` needs no request once the offset is known.
  let offset = initial;
  let moved = false;
  const change = async (body: { advance: string } | { set: string }) => {
    moved = true;
    const clock = await controls.clock(body);
    offset = clock.offset_ms;
    return new Date(clock.now);
  };
  return {
    mode: "remote",
    baseUrl,
    fetch: send,
    clock: {
      now: () => new Date(Date.now() + offset),
      advance: (by) => change({ advance: by }),
      set: (at) => change({ set: typeof at === "string" ? at : at.toISOString() }),
    },
    faults: createSandboxFaults(send, baseUrl),
    createWorkspace: controls.createWorkspace,
    createUser: controls.createUser,
    async restoreClock() {
      if (moved) await controls.clock({ set: new Date(Date.now() + initial).toISOString() });
    },
  };
}
