// `GET /_sandbox/health`: the readiness probe a CI job's `wait-on` step polls before its tests.
// It reads nothing but the clock, so it answers as soon as the engine does and changes nothing.
import type { EngineContext } from "../EngineContext.js";
import type { OperationHandlers } from "../types.js";
import { iso } from "./toApi.js";

export function healthOperations(ctx: EngineContext): Pick<OperationHandlers, "getSandboxHealth"> {
  return {
    getSandboxHealth() {
      return { status: 200, body: { status: "ok", now: iso(ctx.clock.now()) } };
    },
  };
}
