// Writes the `## Sandbox` section of bench/RESULTS.md, leaving every other section as it was.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, release, type } from "node:os";

export function machine() {
  const cpu = cpus();
  return `${type()} ${release()}, ${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores, Node ${process.version}`;
}

/** The load average now, for "the machine was (not) busy" next to a run's figures. */
export function loadAverage() {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(", ");
}

/** Replaces the section starting at `heading` (up to the next `## `), or appends it. */
export function writeSection(file, heading, body) {
  const text = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmark results\n";
  const section = `${heading}\n\n${body.trim()}\n`;
  const start = text.indexOf(`${heading}\n`);
  if (start === -1) {
    writeFileSync(file, `${text.trimEnd()}\n\n${section}`);
    return;
  }
  const next = text.indexOf("\n## ", start + heading.length);
  const rest = next === -1 ? "" : `\n${text.slice(next + 1)}`;
  writeFileSync(file, `${text.slice(0, start)}${section}${rest}`);
}

/** The middle value (the upper of the two middle ones for an even count). */
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export const fmt = (n, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString("en-US", { maximumFractionDigits: digits }) : "—";
