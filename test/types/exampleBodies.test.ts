// The types allow what the API accepts (issue 23): every operation's example body, with its
// required parameters' examples, is written as a typed openapi-fetch call and compiled with the
// project's tsconfig. An open object the generator typed as Record<string, never> (the intake
// `payload` once) fails here, as it failed in a consumer's tsc.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { httpMethods } from "../../scripts/codegen/openapi-types";
import { resolve, rootDir, spec } from "../contract/spec";

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  example?: unknown;
  schema?: { example?: unknown };
}
interface Media {
  example?: unknown;
  examples?: Record<string, { value: unknown }>;
  schema?: { example?: unknown };
}

/** One typed call per operation that takes a JSON body, built from the spec's own examples. */
function typedCalls(): { calls: string[]; missing: string[] } {
  const calls: string[] = [];
  const missing: string[] = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of httpMethods) {
      const operation = item[method];
      if (!operation?.requestBody) continue;
      const body = resolve<{ content?: Record<string, Media> }>(operation.requestBody);
      const media = body.content?.["application/json"];
      if (!media) continue;
      const named: { value?: unknown }[] = Object.values(media.examples ?? {});
      const example = media.example ?? named[0]?.value ?? media.schema?.example;
      if (example === undefined) missing.push(`${method} ${path}: no example body`);
      const params: Record<string, Record<string, unknown>> = {};
      for (const raw of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
        const parameter = resolve<Parameter>(raw);
        if (!parameter.required) continue;
        const value = parameter.example ?? parameter.schema?.example;
        if (value === undefined)
          missing.push(`${method} ${path}: no example for ${parameter.name}`);
        params[parameter.in] = { ...params[parameter.in], [parameter.name]: value };
      }
      const init = JSON.stringify({ params, body: example });
      calls.push(`void client.${method.toUpperCase()}(${JSON.stringify(path)}, ${init});`);
    }
  }
  return { calls, missing };
}

/** tsc's diagnostics for `source`, compiled as a file of test/types with the project's options. */
function compile(source: string): string[] {
  const configPath = join(rootDir, "tsconfig.json");
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => {},
    },
  );
  if (!config) throw new Error("tsconfig.json could not be read");
  const fileName = join(rootDir, "test/types/__exampleBodies.ts");
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (name) => (name === fileName ? source : readFile(name));
  host.fileExists = (name) => name === fileName || fileExists(name);
  const program = ts.createProgram([fileName], config.options, host);
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(fileName))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

const header = [
  'import createClient from "openapi-fetch";',
  'import type { paths } from "../../src/generated/schema";',
  "const client = createClient<paths>();",
];

describe("the generated types accept every example body of the spec", () => {
  it("compiles a typed call for every operation's example body", () => {
    const { calls, missing } = typedCalls();
    expect(missing).toEqual([]);
    expect(calls.length).toBeGreaterThan(10);
    expect(compile([...header, ...calls].join("\n"))).toEqual([]);
  }, 60_000);

  it("the same compile refuses a body the types forbid (the check can fail)", () => {
    const wrong = 'void client.POST("/v1/agents", { body: { name: 42 } });';
    expect(compile([...header, wrong].join("\n")).length).toBeGreaterThan(0);
  }, 60_000);

  it("types the intake payload as an open object", () => {
    const call =
      'void client.POST("/v1/intake/{teamId}", { params: { path: { teamId: "team_3Jk7Pw2Ds9Fg4Hn6" } }, body: { event: "ticket.created", payload: { ticket_id: 42 } } });';
    expect(compile([...header, call].join("\n"))).toEqual([]);
  }, 60_000);

  it("no generated type of a schema, parameter or body is Record<string, never>", () => {
    // The file's own top-level placeholders (`webhooks`, `$defs`: the spec has none) aside.
    const generated = readFileSync(join(rootDir, "src/generated/schema.ts"), "utf8");
    const closed = generated
      .split("\n")
      .filter((line) => line.includes("Record<string, never>") && !/^export type /.test(line));
    expect(closed).toEqual([]);
  });
});
