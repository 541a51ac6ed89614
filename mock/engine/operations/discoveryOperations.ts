// The public key set that verifies session tokens, for services that check sessions themselves.
import type { EngineContext } from "../EngineContext.js";
import type { OperationHandlers } from "../types.js";

export function discoveryOperations(ctx: EngineContext): Pick<OperationHandlers, "getJwks"> {
  return {
    async getJwks() {
      return { status: 200, body: await ctx.sessions.jwks() };
    },
  };
}
