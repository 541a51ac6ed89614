// The negative-data fuzz over HTTP (issue 23), for what a Web Request cannot carry: a header sent
// twice (node keeps the repeats in rawHeaders), methods a fetch refuses (TRACE, CONNECT) and any
// other method. Cases come from openapi.yaml; each request carries a credential that passes.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Schemas } from "../../../mock/engine/types.js";
import { createSandboxServer } from "../../../mock/server/createSandboxServer.js";
import { spec } from "../../contract/spec";
import { negativeCases, operations } from "../engine/negativeCases.js";
import { expectRefused, negativeRequest } from "../engine/negativeRequest.js";
import { rawHttp } from "./rawHttp.js";

const SEED = 20_261_207;
const sandbox = createSandboxServer();
let url = "";
let ws: Schemas["SandboxWorkspace"];

beforeAll(async () => {
  url = await sandbox.listen(0, "127.0.0.1");
  ws = (await rawHttp(url, { method: "POST", target: "/_sandbox/workspaces" })).body;
});
afterAll(() => sandbox.close({ timeoutMs: 1_000 }));

/** A path of the spec with its parameters filled from their examples (the workspace real). */
function concrete(path: string): string {
  const op = operations.find((o) => o.path === path);
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (name === "workspaceId") return ws.workspace.id;
    const p = op?.parameters.find((x) => x.name === name);
    return encodeURIComponent(String(p?.example ?? p?.schema.example ?? "x"));
  });
}

/** The credential headers the spec defines, as `name: value` for the owner's key. */
const credentialHeaders = Object.values(spec.components?.securitySchemes ?? {}).flatMap((s) =>
  s.type === "http" ? ["Authorization"] : s.in === "header" && s.name ? [s.name] : [],
);

describe("every request that breaks the spec is refused over HTTP too", () => {
  // The same cases as the in-process fuzz: node's adapter reads headers its own way (rawHeaders),
  // so a header rule that holds in-process may not hold here.
  const cases = negativeCases();
  it.each(cases.map((c) => [`${c.operation.id} ${c.pointer} ${c.why}`, c] as const))(
    "%s",
    async (_name, negative) => {
      await fc.assert(
        fc.asyncProperty(negative.values, async (value) => {
          const { target, init } = negativeRequest(ws, negative.operation, negative.part, value);
          const headers = Object.entries(init.headers);
          if (init.json !== undefined) headers.push(["content-type", "application/json"]);
          const body = init.json === undefined ? undefined : JSON.stringify(init.json);
          const answer = await rawHttp(url, { method: init.method, target, headers, body });
          expectRefused(negative, answer.status, answer.body, value);
        }),
        { numRuns: 2, seed: SEED },
      );
    },
  );
});

describe("a repeated single-valued header is 400 invalid_request", () => {
  const headerCases = operations.flatMap((op) =>
    op.parameters
      .filter((p) => p.in === "header")
      .map((p) => [`${op.id} ${p.name}`, op, p] as const),
  );
  it.each(headerCases)("%s sent twice", async (_name, op, p) => {
    // Long enough that a random request id cannot contain it by chance.
    const value = String(p.example ?? p.schema.example ?? "424242");
    const credential = op.credentials.includes("user_key")
      ? ws.owner.user_key.secret
      : (ws.agents[0]?.key.secret ?? "");
    const answer = await rawHttp(url, {
      method: op.method,
      target: concrete(op.path),
      headers: [
        ["Authorization", `Bearer ${credential}`],
        [p.name, value],
        [p.name, value],
      ],
    });
    expect([answer.status, answer.body.code]).toEqual([400, "invalid_request"]);
    expect(answer.text).not.toContain(value);
  });

  it.each(credentialHeaders)("%s sent twice on a secured operation", async (name) => {
    const secret = ws.owner.user_key.secret;
    const value = name === "Authorization" ? `Bearer ${secret}` : secret;
    const answer = await rawHttp(url, {
      method: "GET",
      target: "/v1/agents",
      headers: [
        [name, value],
        [name, value],
      ],
    });
    expect([answer.status, answer.body.code]).toEqual([400, "invalid_request"]);
    expect(answer.text).not.toContain(secret);
  });
});

describe("every HTTP method gets an HTTP answer", () => {
  const methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "TRACE", "PROPFIND", "LOCK"];
  const paths = Object.entries(spec.paths ?? {}).map(([path, item]) => {
    const declared = ["get", "post", "put", "patch", "delete"]
      .filter((m) => m in item)
      .map((m) => m.toUpperCase());
    return [path, declared] as const;
  });
  it.each(paths)(
    "%s answers 405 with Allow to each method it does not define",
    async (path, declared) => {
      // HEAD is answered wherever GET is (RFC 9110 §9.3.2).
      const others = methods.filter(
        (m) => !declared.includes(m) && !(m === "HEAD" && declared.includes("GET")),
      );
      for (const method of others) {
        const answer = await rawHttp(url, { method, target: concrete(path) });
        expect([method, answer.status], answer.text).toEqual([method, 405]);
        expect(answer.headers.allow?.split(", ").sort()).toEqual([...declared].sort());
        if (method !== "HEAD") expect(answer.body.code).toBe("method_not_allowed");
      }
    },
  );

  it("CONNECT is 400 to a path of the spec and 405 with Allow to any authority", async () => {
    const target = fc.oneof(
      fc.constantFrom(...paths.map(([path]) => concrete(path))),
      fc
        .tuple(fc.domain(), fc.integer({ min: 1, max: 65_535 }))
        .map(([host, port]) => `${host}:${port}`),
    );
    await fc.assert(
      fc.asyncProperty(target, async (sent) => {
        const answer = await rawHttp(url, {
          method: "CONNECT",
          target: sent,
          headers: [["Authorization", `Bearer ${ws.owner.user_key.secret}`]],
        });
        const expected = sent.startsWith("/")
          ? [400, "invalid_request"]
          : [405, "method_not_allowed"];
        expect([answer.status, answer.body.code], answer.text).toEqual(expected);
        expect(answer.headers["content-type"]).toBe("application/problem+json");
        if (answer.status === 405) expect(answer.headers).toHaveProperty("allow", "");
      }),
      { numRuns: 60, seed: SEED },
    );
  });
});
