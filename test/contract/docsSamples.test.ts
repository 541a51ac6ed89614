// The latchkey SDK sample the docs page shows for each operation is a program a user can paste:
// all of them, written out as files, compile under strict tsc against the SDK's own types, with
// nothing assumed but Node's types (a `string | undefined` env var passed as a key would not).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listOperations } from "../../scripts/codegen/openapi-types";
import { annotateSpec } from "../../scripts/docs/annotateSpec";
import { rootDir, spec } from "./spec";

const dir = mkdtempSync(join(tmpdir(), "latchkey-docs-samples-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Sample {
  lang: string;
  label: string;
  source: string;
}

const samples = listOperations(annotateSpec(spec)).map(({ operation }) => ({
  id: operation.operationId ?? "",
  sdk: ((operation as Record<string, unknown>)["x-codeSamples"] as Sample[]).find(
    (sample) => sample.label === "latchkey SDK",
  ),
}));

function tsc(): { status: number; output: string } {
  try {
    const tscBin = join(rootDir, "node_modules", "typescript", "bin", "tsc");
    execFileSync(process.execPath, [tscBin, "-p", dir], { encoding: "utf8" });
    return { status: 0, output: "" };
  } catch (error) {
    const failed = error as { status: number; stdout: string };
    return { status: failed.status, output: failed.stdout };
  }
}

describe("the docs' SDK samples", () => {
  it("every operation has one", () => {
    expect(samples.filter((sample) => !sample.sdk).map((sample) => sample.id)).toEqual([]);
  });

  it("signs in with { email, password }, never by calling authenticate itself", () => {
    const signIn = samples.find((sample) => sample.id === "authenticate")?.sdk?.source ?? "";
    expect(signIn).toContain("credentials: { email, password }");
    expect(signIn).not.toContain('"/v1/auth/authenticate"');
  });

  it("all compile under strict tsc, as files of an ESM project", () => {
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "es2022",
          // The SDK's sources, as a bundler resolves them (the built package's types need a build).
          module: "esnext",
          moduleResolution: "bundler",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          lib: ["es2022", "dom"],
          types: ["node"],
          typeRoots: [join(rootDir, "node_modules", "@types")],
          paths: { latchkey: [join(rootDir, "src", "index.ts")] },
        },
        include: ["*.ts"],
      }),
    );
    for (const sample of samples)
      writeFileSync(join(dir, `${sample.id}.ts`), sample.sdk?.source ?? "");
    const result = tsc();
    expect(result.output).toBe("");
    expect(result.status).toBe(0);
  }, 60_000);
});
