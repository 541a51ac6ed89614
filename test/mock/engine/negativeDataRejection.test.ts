// Negative-data rejection (issue 23; Schemathesis's `negative_data_rejection`): every request
// built to break the spec must be refused with 400 validation_failed naming the part it broke.
// The cases come from openapi.yaml (negativeCases.ts), never from the engine's validators; each
// request carries a credential that passes authentication and scope, so the refusal can only
// come from validation. Bounded: a fixed seed and RUNS values per case.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "../../../mock/engine/createEngine.js";
import type { Schemas } from "../../../mock/engine/types.js";
import { bearer, call, setup } from "./engineHarness.js";
import {
  type NegativeCase,
  negativeCases,
  operations,
  type SpecOperation,
} from "./negativeCases.js";

const RUNS = Number(process.env.NEGATIVE_FUZZ_RUNS ?? 4);
const SEED = 20_261_207;
const cases = negativeCases();

let engine: Engine;
let ws: Schemas["SandboxWorkspace"];

beforeAll(async () => {
  const made = await setup();
  engine = made.engine;
  ws = made.ws;
});

/** The credential an operation accepts that passes its kind and scope checks. */
function credentialFor(op: SpecOperation): Record<string, string> {
  if (op.credentials.length === 0) return {};
  if (op.credentials.includes("user_key")) return bearer(ws.owner.user_key.secret);
  if (op.credentials.includes("agent_key")) return bearer(ws.agents[0]?.key.secret ?? "");
  throw new Error(`${op.id}: no fixture credential for ${op.credentials.join(", ")}`);
}

/** Path parameters authorisation reads (the workspace, the team, the agent key's slug) are real. */
function baselineParameter(name: string, example: unknown): string {
  if (name === "workspaceId") return ws.workspace.id;
  if (name === "teamId") return ws.team.id;
  if (name === "agentSlug") return ws.agents[0]?.agent.slug ?? "";
  return String(example);
}

/** The operation's request from its examples, with `broken` given `value` (undefined: left out). */
function build(op: SpecOperation, broken?: NegativeCase["part"], value?: unknown) {
  let path = op.path;
  const query = new URLSearchParams();
  const headers: Record<string, string> = { ...credentialFor(op) };
  for (const p of op.parameters) {
    const isBroken = broken?.in === p.in && broken.name === p.name;
    if (!isBroken && p.in !== "path") continue;
    const text = isBroken
      ? String(value)
      : baselineParameter(p.name, p.example ?? p.schema.example);
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

describe("every request that breaks the spec is refused, naming what it broke", () => {
  it("derives cases from the spec for every kind of part", () => {
    const kinds = new Set(cases.map((c) => c.part.in));
    expect([...kinds].sort()).toEqual(["body", "header", "path", "query"]);
    expect(cases.length).toBeGreaterThan(50);
  });

  const tested = operations.filter((op) => cases.some((c) => c.operation === op));
  it.each(tested.map((op) => [op.id, op] as const))(
    "%s as its examples send it passes authentication, scope and validation",
    async (_id, op) => {
      const { target, init } = build(op);
      const answer = await call(engine, target, init);
      // Not 401/403: the credential passes. (An example may still fail the implementation's own
      // rules, such as scopes on a team key: only the schema's refusals are asked for below.)
      if (op.credentials.length > 0) {
        expect([401, 403], JSON.stringify(answer.body)).not.toContain(answer.status);
      }
    },
  );

  it.each(cases.map((c) => [`${c.operation.id} ${c.pointer} ${c.why}`, c] as const))(
    "%s is 400 validation_failed at that pointer",
    async (_name, negative) => {
      // The workspace in the path is authorised before anything is validated
      // (docs/decisions/request-pipeline.md): a broken one is another workspace, 403.
      const authorised =
        negative.pointer === "/path/workspaceId" && negative.operation.credentials.length > 0;
      await fc.assert(
        fc.asyncProperty(negative.values, async (value) => {
          const { target, init } = build(negative.operation, negative.part, value);
          const answer = await call(engine, target, init);
          const pointers: string[] = (answer.body?.errors ?? []).map(
            (e: { pointer: string }) => e.pointer,
          );
          const seen = `${answer.status} ${JSON.stringify(answer.body)}`;
          if (authorised) {
            expect([answer.status, answer.body.code], seen).toEqual([403, "workspace_mismatch"]);
            return;
          }
          expect(answer.status, seen).toBe(400);
          expect(answer.body.code, seen).toBe("validation_failed");
          expect(pointers.length, seen).toBeGreaterThan(0);
          for (const pointer of pointers)
            expect(pointer.startsWith(negative.pointer), seen).toBe(true);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    },
  );
});
