// One request of the negative-data fuzz, in-process or over HTTP: an operation as its examples
// send it, with a credential that passes its kind and scope checks, and one part given a value.
import { expect } from "vitest";
import type { Schemas } from "../../../mock/engine/types.js";
import type { NegativeCase, SpecOperation } from "./negativeCases.js";

type Workspace = Schemas["SandboxWorkspace"];

export interface NegativeRequest {
  /** Path and query, as sent. */
  target: string;
  init: { method: string; headers: Record<string, string>; json: unknown };
}

/** The owner's user key wherever a user key is accepted, else the first agent's key. */
function credentialFor(ws: Workspace, op: SpecOperation): Record<string, string> {
  if (op.credentials.length === 0) return {};
  const secret = op.credentials.includes("user_key")
    ? ws.owner.user_key.secret
    : op.credentials.includes("agent_key")
      ? ws.agents[0]?.key.secret
      : undefined;
  if (secret === undefined)
    throw new Error(`${op.id}: no fixture for ${op.credentials.join(", ")}`);
  return { authorization: `Bearer ${secret}` };
}

/** Path parameters authorisation reads (the workspace, the team, the agent key's slug) are real. */
function baselineParameter(ws: Workspace, name: string, example: unknown): string {
  if (name === "workspaceId") return ws.workspace.id;
  if (name === "teamId") return ws.team.id;
  if (name === "agentSlug") return ws.agents[0]?.agent.slug ?? "";
  return String(example);
}

/** `op` from its examples, with `broken` given `value` (undefined: left out of the body). */
export function negativeRequest(
  ws: Workspace,
  op: SpecOperation,
  broken?: NegativeCase["part"],
  value?: unknown,
): NegativeRequest {
  let path = op.path;
  const query = new URLSearchParams();
  const headers: Record<string, string> = { ...credentialFor(ws, op) };
  for (const p of op.parameters) {
    const isBroken = broken?.in === p.in && broken.name === p.name;
    if (!isBroken && p.in !== "path") continue;
    const text = isBroken
      ? String(value)
      : baselineParameter(ws, p.name, p.example ?? p.schema.example);
    if (p.in === "path") path = path.replace(`{${p.name}}`, encodeURIComponent(text));
    else if (p.in === "query") query.set(p.name, text);
    else headers[p.name.toLowerCase()] = text;
  }
  let json: Record<string, unknown> | undefined;
  if (op.body) {
    json = { ...op.body.example };
    if (broken?.in === "body") {
      if (value === undefined) delete json[broken.name];
      else json[broken.name] = value;
    }
  }
  const search = query.toString();
  return {
    target: search === "" ? path : `${path}?${search}`,
    init: { method: op.method, headers, json },
  };
}

/**
 * The answer a broken request must get: 400 validation_failed whose every pointer lies within the
 * broken part. The workspace in a path is authorised before anything is validated
 * (docs/decisions/request-pipeline.md), so a broken one is another workspace: 403.
 */
export function expectRefused(
  negative: NegativeCase,
  status: number,
  // biome-ignore lint/suspicious/noExplicitAny: problem documents are inspected loosely.
  body: any,
  value: unknown,
): void {
  const seen = `${status} ${JSON.stringify(body)}`;
  // No problem quotes a header's value back (long enough not to occur in a request id by chance).
  if (negative.part.in === "header" && String(value).length >= 8) {
    expect(JSON.stringify(body)).not.toContain(String(value));
  }
  if (negative.pointer === "/path/workspaceId" && negative.operation.credentials.length > 0) {
    expect([status, body?.code], seen).toEqual([403, "workspace_mismatch"]);
    return;
  }
  expect([status, body?.code], seen).toEqual([400, "validation_failed"]);
  const pointers: string[] = (body.errors ?? []).map((e: { pointer: string }) => e.pointer);
  expect(pointers.length, seen).toBeGreaterThan(0);
  for (const pointer of pointers) expect(pointer.startsWith(negative.pointer), seen).toBe(true);
}
