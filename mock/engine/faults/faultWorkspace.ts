// Which workspace a request acts in, for fault rules. A request with a credential acts in its
// principal's; the two public operations that belong to a user do too (sign-in by the email's
// user, refresh by the refresh token's), so a rule can fail a workspace's sign-in or refresh.
import type { OperationId } from "../../../src/generated/security.js";
import type { EngineContext } from "../EngineContext.js";
import type { Principal } from "../types.js";

export function faultWorkspace(
  ctx: EngineContext,
  operationId: OperationId,
  principal: Principal | null,
  body: unknown,
): { workspaceId: string; credentialKind: string | null } | null {
  if (principal !== null)
    return { workspaceId: principal.workspaceId, credentialKind: principal.kind };
  if (operationId === "authenticate") {
    const email = (body as { email?: unknown } | undefined)?.email;
    const user = typeof email === "string" ? ctx.store.findUserByEmail(email) : undefined;
    return user ? { workspaceId: user.workspaceId, credentialKind: null } : null;
  }
  if (operationId === "refreshSession") {
    const token = (body as { refresh_token?: unknown } | undefined)?.refresh_token;
    if (typeof token !== "string") return null;
    const record = ctx.store.findRefreshByDigest(ctx.crypto.digest(token));
    return record ? { workspaceId: record.workspaceId, credentialKind: "refresh_token" } : null;
  }
  return null;
}
