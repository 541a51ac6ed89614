// Runs `redocly lint` on spec files and returns its problems, for the contract tests.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { runRedocly } from "../../scripts/redocly";
import { rootDir } from "./spec";

export interface LintProblem {
  ruleId: string;
  severity: string;
  message: string;
  location: Array<{ source: { ref: string }; pointer?: string }>;
}

/** The project's own rules, as `npm run lint:spec` applies them. */
export const projectConfig = join(rootDir, "redocly.yaml");

/** Lints `files` (absolute paths) in one Redocly run with the given config file. */
export async function lintSpecs(files: string[], config: string): Promise<LintProblem[]> {
  const args = ["lint", ...files, "--format=json", "--max-problems=10000", `--config=${config}`];
  const result = await runRedocly(args, { capture: true });
  const start = result.stdout.indexOf("{");
  if (start < 0) throw new Error(`redocly printed no report:\n${result.stdout}${result.stderr}`);
  // With several files Redocly prints one JSON report per file, back to back.
  const reports = `[${result.stdout.slice(start).replace(/\}\s*\{(?=\s*"totals")/g, "},{")}]`;
  return (JSON.parse(reports) as Array<{ problems: LintProblem[] }>).flatMap((r) => r.problems);
}

/** A temp directory holding `documents` as YAML files; returns their absolute paths by name. */
export async function writeSpecs(documents: Record<string, unknown>) {
  const dir = await mkdtemp(join(tmpdir(), "latchkey-spec-"));
  const paths: Record<string, string> = {};
  for (const [name, document] of Object.entries(documents)) {
    paths[name] = join(dir, `${name}.yaml`);
    await writeFile(paths[name], stringify(document));
  }
  return { dir, paths };
}

/** "ruleId at pointer: message", one per problem, for readable assertion failures. */
export const describeProblems = (problems: LintProblem[]) =>
  problems.map((p) => `${p.ruleId} at ${p.location[0]?.pointer ?? "?"}: ${p.message}`);
