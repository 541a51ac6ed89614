import type { Middleware } from "openapi-fetch";
import { assertHeaderValue } from "./assertHeaderValue.js";
import { bindPlan, type CallPlan, planOfCall, startPlan } from "./callPlan.js";
import { isUnder } from "./credentialHeaders.js";
import {
  type CredentialChoice,
  type CredentialConfig,
  chooseCredential,
} from "./credentials/chooseCredential.js";
import { idempotencyKey } from "./idempotencyKey.js";
import { operationFor } from "./operationFor.js";

/** What the SDK's middleware needs; fixed per client (`withAgent` makes another). */
export interface OperationConfig extends CredentialConfig {
  /** The base URL as requests spell it, without a trailing slash: only URLs under it get headers. */
  readonly prefix: string;
  readonly agentId: string | undefined;
  /**
   * Whether middleware may run after this one in the call whose `options` these are: only then
   * must the plan be kept for `bindMiddleware` to find. Unset: always kept.
   */
  readonly bindsLater?: (options: object) => boolean;
}

/**
 * The SDK's per-operation work, as openapi-fetch intends it: from the call's `schemaPath` and
 * method it looks the operation up in the generated table and sets `X-Agent-ID` where the
 * operation acts as an agent, an `Idempotency-Key` on POSTs, and the credential the operation
 * accepts. A credential the caller put on the request already wins (the API refuses two).
 */
export function operationMiddleware(config: OperationConfig): Middleware {
  // The last token found fit for a header, with its `Bearer` value: a provider gives the same
  // token call after call, and one string (not a new one per call) is what the header checks.
  let checked: { token: string; bearer: string } | undefined;
  // A provider may have no token (untyped JavaScript, or a promise of none): nothing is sent.
  const attach = (
    token: string | undefined,
    headers: Headers,
    plan: CallPlan,
    { header, bearer, agentKey, source }: CredentialChoice,
  ): undefined => {
    if (token === undefined) return undefined;
    let fit = checked;
    if (fit === undefined || fit.token !== token) {
      assertHeaderValue(token, "the credential");
      fit = checked = { token, bearer: `Bearer ${token}` };
    }
    const renewable = agentKey === undefined && source?.renew !== undefined;
    plan.credential = { header, bearer, renewable, token };
    headers.set(header, bearer ? fit.bearer : token);
    return undefined;
  };
  return {
    onRequest({ request, schemaPath, params, options }) {
      const { method, url, headers } = request;
      const plan: CallPlan = { credential: undefined };
      if (config.bindsLater?.(options) !== false) startPlan(options, plan);
      bindPlan(request, plan);
      if (!isUnder(config.prefix, url)) return undefined;
      const operation = operationFor(schemaPath, method);
      if (config.agentId !== undefined && operation && operation.agentContext !== "none") {
        if (!headers.has("X-Agent-ID")) headers.set("X-Agent-ID", config.agentId);
      }
      if (method === "POST" && !headers.has("Idempotency-Key")) {
        headers.set("Idempotency-Key", idempotencyKey());
      }
      const slug = (params.path as { agentSlug?: unknown } | undefined)?.agentSlug;
      const choice = chooseCredential(
        config,
        operation,
        typeof slug === "string" ? slug : undefined,
      );
      if (!choice || headers.has(choice.header)) return undefined;
      const token = choice.agentKey ?? choice.source?.token();
      return typeof token === "object"
        ? token.then((given) => attach(given, headers, plan, choice))
        : attach(token, headers, plan, choice);
    },
  };
}

/**
 * The SDK's last middleware: binds the call's plan to the Request as the middleware before it
 * left it (a user's may have made a new one), which is the Request the transport gets.
 */
export const bindMiddleware: Middleware = {
  onRequest({ request, options }) {
    const plan = planOfCall(options);
    if (plan) bindPlan(request, plan);
    return undefined;
  },
};
