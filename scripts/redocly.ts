// Runs the Redocly CLI with its output intact except for the boxed "Node.js 20 support is
// ending" banner it prints on every run under Node 20 (no flag or variable turns it off), which
// would otherwise bury the one line that matters in CI logs.
// Usage: tsx scripts/redocly.ts <redocly arguments…>
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const cliPath = join(dirname(require.resolve("@redocly/cli/package.json")), "bin", "cli.js");

const boxCharacters = /[╔║╚]/;

export interface RedoclyResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `redocly <args>`. With `capture`, output is collected and returned (for tests and
 * scripts that parse it); otherwise it streams to this process's stdout and stderr.
 */
export function runRedocly(args: string[], options: { capture?: boolean } = {}) {
  return new Promise<RedoclyResult>((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    });
    const output = { stdout: "", stderr: "" };
    const drained = (["stdout", "stderr"] as const).map((stream) => {
      const lines = createInterface({ input: child[stream], crlfDelay: Number.POSITIVE_INFINITY });
      let started = false; // the banner leaves blank lines behind; drop those before any output
      lines.on("line", (line) => {
        if (boxCharacters.test(line) || (!started && line.trim() === "")) return;
        started = true;
        if (options.capture) output[stream] += `${line}\n`;
        else process[stream].write(`${line}\n`);
      });
      return once(lines, "close");
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      // Wait for the last lines: the pipes may still hold output when the process exits.
      Promise.all(drained).then(() => resolve({ code: code ?? (signal ? 1 : 0), ...output }));
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { code } = await runRedocly(process.argv.slice(2));
  process.exitCode = code;
}
