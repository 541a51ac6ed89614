// The sandbox-only controls under /_sandbox: fixtures, the clock that drives every expiry, reset.
import type { EngineContext } from "../EngineContext.js";
import { createUser, createWorkspace } from "../fixtures.js";
import { instantAfter, parseInstant } from "../instants.js";
import { parseDuration } from "../parseDuration.js";
import type { OperationHandlers } from "../types.js";
import { iso } from "./toApi.js";

type SandboxOperationId =
  | "createSandboxWorkspace"
  | "createSandboxUser"
  | "getSandboxClock"
  | "setSandboxClock"
  | "resetSandbox";

export function sandboxOperations(ctx: EngineContext): Pick<OperationHandlers, SandboxOperationId> {
  const clockBody = () => ({
    now: iso(ctx.clock.now()),
    offset_ms: Math.round(ctx.clock.offsetMs),
  });

  return {
    createSandboxWorkspace(input) {
      return { status: 201, body: createWorkspace(ctx, { name: input.body?.name }) };
    },

    createSandboxUser(input) {
      const user = createUser(ctx, input.path.workspaceId, {
        role: input.body?.role ?? "member",
        email: input.body?.email,
        teamMember: input.body?.team_member ?? false,
      });
      return { status: 201, body: user };
    },

    getSandboxClock() {
      return { status: 200, body: clockBody() };
    },

    setSandboxClock(input) {
      const change = input.body;
      if (change !== undefined && "advance" in change) {
        const by = parseDuration(change.advance, "/body/advance");
        const now = ctx.clock.now();
        // Checked against the range, then moved by exactly `by`: a set() to now + by would read
        // real time a second time and could lose the millisecond that passed in between.
        ctx.clock.advance(instantAfter(now, by, "/body/advance", "The sandbox clock") - now);
      } else if (change !== undefined && "set" in change) {
        ctx.clock.set(parseInstant(change.set, "/body/set"));
      }
      return { status: 200, body: clockBody() };
    },

    resetSandbox() {
      ctx.store.clear();
      ctx.clock.reset();
      ctx.sessions.clearCache();
      ctx.faults.clear();
      return { status: 200, body: { reset: true } };
    },
  };
}
