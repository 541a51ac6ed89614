// The `/_sandbox` controls as `latchkey sandbox --help` lists them: read from the spec (every
// operation marked `x-sandbox-only`), so the help names exactly what the server answers.
import { openapiDocument } from "../../src/generated/openapi.js";

interface Operation {
  summary?: string;
  "x-sandbox-only"?: boolean;
}

/** One line per sandbox-only operation: method, path and summary, aligned. */
export function sandboxControlsHelp(): string {
  const rows: Array<[string, string]> = [];
  for (const [path, item] of Object.entries(openapiDocument.paths)) {
    for (const [method, value] of Object.entries(item)) {
      const operation = value as Operation;
      if (operation["x-sandbox-only"] !== true) continue;
      rows.push([`${method.toUpperCase()} ${path}`, operation.summary ?? ""]);
    }
  }
  const width = Math.max(...rows.map(([route]) => route.length)) + 2;
  return rows.map(([route, summary]) => `  ${route.padEnd(width)}${summary}`).join("\n");
}
