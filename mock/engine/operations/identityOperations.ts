// Linking an outside identity, the (iss, sub) of a trusted issuer's tokens, to a sandbox user.
// The link is the only way such a token signs in: never by a `sub` that happens to be a user id,
// never by an email claim (an issuer may let anyone claim any address, verified or not).
import type { EngineContext } from "../EngineContext.js";
import { ProblemError } from "../ProblemError.js";
import type { OperationHandlers } from "../types.js";

export function identityOperations(
  ctx: EngineContext,
): Pick<OperationHandlers, "linkSandboxIdentity"> {
  return {
    linkSandboxIdentity(input) {
      const { issuer, subject, user_id } = input.body ?? { issuer: "", subject: "", user_id: "" };
      const trusted = (ctx.options.trustedIssuers ?? []).some((t) => t.issuer === issuer);
      if (!trusted) {
        throw new ProblemError(
          400,
          "validation_failed",
          "The issuer is not one this sandbox trusts; start it with --jwks-url and --issuer (or trustedIssuers) first.",
          { errors: [{ pointer: "/body/issuer", detail: "must be a trusted issuer" }] },
        );
      }
      const user = ctx.store.users.get(user_id);
      if (user === undefined) {
        throw new ProblemError(404, "not_found", `There is no user ${user_id} in this sandbox.`);
      }
      ctx.store.linkIdentity(issuer, subject, user.id);
      return {
        status: 201,
        body: { issuer, subject, user_id: user.id, workspace_id: user.workspaceId },
      };
    },
  };
}
