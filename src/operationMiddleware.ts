import type { Middleware } from "openapi-fetch";
import { assertHeaderValue } from "./assertHeaderValue.js";
import {
  bindPlan,
  type CallPlan,
  type Credential,
  headerValue,
  planOfCall,
  startPlan,
} from "./callPlan.js";
import { isUnder } from "./credentialHeaders.js";
import {
  type CredentialChoice,
  type CredentialConfig,
  chooseCredential,
} from "./credentials/chooseCredential.js";
import type { OperationSecurity } from "./generated/security.js";
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

/** What one operation gets from one client, worked out on its first call. */
interface Facts {
  readonly agentId: boolean;
  /** The credential, unless the call's `agentSlug` has an agent key of its own. */
  readonly choice: CredentialChoice | undefined;
}

/**
 * The SDK's per-operation work, as openapi-fetch intends it: from the call's `schemaPath` and
 * method it looks the operation up in the generated table and sets `X-Agent-ID` where the
 * operation acts as an agent, an `Idempotency-Key` on POSTs, and the credential the operation
 * accepts. A credential the caller put on the request already wins (the API refuses two).
 */
export function operationMiddleware(config: OperationConfig): Middleware {
  // The config is fixed, so what each operation gets is too: worked out once, then looked up.
  const known = new Map<OperationSecurity | undefined, Facts>();
  return {
    onRequest({ request, schemaPath, params, options }) {
      const { method, url, headers } = request;
      const plan: CallPlan = { credential: undefined };
      if (config.bindsLater?.(options) !== false) startPlan(options, plan);
      bindPlan(request, plan);
      if (!isUnder(config.prefix, url)) return undefined;
      const operation = operationFor(schemaPath, method);
      let facts = known.get(operation);
      if (!facts) {
        facts = {
          agentId:
            config.agentId !== undefined &&
            operation !== undefined &&
            operation.agentContext !== "none",
          choice: chooseCredential(config, operation, undefined),
        };
        known.set(operation, facts);
      }
      if (facts.agentId && !headers.has("X-Agent-ID")) {
        headers.set("X-Agent-ID", config.agentId as string);
      }
      if (method === "POST" && !headers.has("Idempotency-Key")) {
        headers.set("Idempotency-Key", idempotencyKey());
      }
      const slug =
        config.agentKeys && (params.path as { agentSlug?: unknown } | undefined)?.agentSlug;
      const choice =
        typeof slug === "string" ? chooseCredential(config, operation, slug) : facts.choice;
      if (!choice || headers.has(choice.header)) return undefined;
      const token = choice.agentKey ?? choice.source?.token();
      if (token === undefined) return undefined;
      if (typeof token === "string") return attach(plan, headers, choice, token);
      return token.then((value) => attach(plan, headers, choice, value));
    },
  };
}

/** Puts the chosen credential on the request and in the call's plan. */
function attach(
  plan: CallPlan,
  headers: Headers,
  { header, bearer, agentKey, source }: CredentialChoice,
  token: string,
): undefined {
  assertHeaderValue(token, "the credential");
  const renewable = agentKey === undefined && source?.renew !== undefined;
  const credential: Credential = { header, bearer, renewable, token };
  headers.set(header, headerValue(credential));
  plan.credential = credential;
  return undefined;
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
