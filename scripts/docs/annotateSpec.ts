// What the docs page shows beside each operation, generated from the spec at `npm run docs`
// (never kept by hand, so it cannot drift): which credential kinds it accepts and refuses, its
// agent-context rule, the error codes it can answer with, and request samples in curl and the
// latchkey SDK (`x-codeSamples`, which the page shows beside the operation).
import { type DerivedOperation, deriveSecurity } from "../codegen/derive-security";
import { listOperations, type OpenAPIDocument, type Operation } from "../codegen/openapi-types";
import { describeErrors } from "./operationErrors";
import { curlSample, sdkSample } from "./requestSamples";

const kindNames: Record<string, string> = {
  session: "session token",
  refresh_token: "refresh token",
  user_key: "user key",
  workspace_key: "workspace key",
  team_key: "team key",
  agent_key: "agent key",
  download_token: "download token",
  stream_token: "stream token",
};

const schemeWire: Record<string, string> = {
  bearerAuth: "`Authorization: Bearer …`",
  apiKeyHeader: "`X-API-Key`",
  apiKeyAltHeader: "`Api-Key`",
  downloadToken: "`?token=`",
  streamToken: "`?token=`",
};

function list(items: string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}

/** The "Authentication" block appended to an operation's description. */
export function authBlock(derived: DerivedOperation, allKinds: string[]): string {
  if (derived.public) {
    return [
      "#### Authentication",
      "",
      derived.sandboxOnly
        ? "None: a sandbox control, open to any caller that can reach the sandbox (keep it on loopback)."
        : "None: this operation takes no credential.",
    ].join("\n");
  }
  const accepted = derived.credentials.map((kind) => kindNames[kind] ?? kind);
  const refused = allKinds
    .filter((kind) => !derived.credentials.includes(kind))
    .map((kind) => kindNames[kind] ?? kind);
  const wires = [...new Set(Object.keys(derived.schemes).map((s) => schemeWire[s] ?? s))];
  const scopes = [...new Set(Object.values(derived.schemes).flat())];
  const lines = [
    "#### Authentication",
    "",
    `- **Accepts:** ${list(accepted)}, in ${list(wires)}.`,
    `- **Refuses** with \`403 credential_kind_not_allowed\`: ${refused.length ? list(refused) : "none"}.`,
    `- **Scopes:** ${scopes.length ? scopes.map((scope) => `\`${scope}\``).join(", ") : "none"}.`,
  ];
  if (derived.agentContext === "required") {
    lines.push(
      "- **Agent context:** required. An agent key carries its agent; a user credential sends " +
        "`X-Agent-ID: agt_…` (implied when its workspace has one agent; with several and none, " +
        "`400 agent_context_required`; an agent it cannot act as, `403 agent_forbidden`; another " +
        "agent than an agent key's own, `403 agent_mismatch`).",
    );
  } else if (derived.agentContext === "optional") {
    lines.push("- **Agent context:** optional, with `X-Agent-ID: agt_…`.");
  }
  return lines.join("\n");
}

/**
 * The page's request console fills each parameter with its example. A page cursor is only ever
 * one a previous answer returned (the sandbox refuses `c_2` with 400), so it starts empty.
 */
function withoutCursorExample(doc: OpenAPIDocument): void {
  const parameters = (doc.components?.parameters ?? {}) as Record<string, Record<string, unknown>>;
  for (const parameter of Object.values(parameters)) {
    if (parameter.in === "query" && parameter.name === "cursor") delete parameter.example;
  }
}

/** A copy of `doc` with every operation's auth, errors and request samples written out. */
export function annotateSpec(doc: OpenAPIDocument): OpenAPIDocument {
  const copy = structuredClone(doc);
  withoutCursorExample(copy);
  const table = deriveSecurity(copy);
  for (const ref of listOperations(copy)) {
    const operation = ref.operation as Operation & Record<string, unknown>;
    const derived = table.operations[operation.operationId ?? ""];
    if (!derived) continue;
    const blocks = [
      operation.description ?? "",
      authBlock(derived, table.credentialKinds),
      describeErrors(copy, ref, derived),
    ];
    operation.description = blocks.filter(Boolean).join("\n\n");
    operation["x-codeSamples"] = [
      { lang: "Shell", label: "curl", source: curlSample(copy, ref, derived) },
      { lang: "TypeScript", label: "latchkey SDK", source: sdkSample(copy, ref, derived) },
    ];
  }
  return copy;
}
