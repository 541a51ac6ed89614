// One log line per request, with nothing in it that could authenticate anyone.
import { secretQueryParameters } from "../../src/generated/security.js";
import type { LogEntry } from "../engine/EngineContext.js";
import { redactSecrets } from "../engine/redactSecrets.js";

/** Query parameters whose value is a credential whatever it looks like. */
const secretParams = new Set<string>(secretQueryParameters);

/** `path` with every credential in it replaced by `[redacted]`. */
export function redactPath(path: string): string {
  const q = path.indexOf("?");
  let result = path;
  if (q !== -1) {
    const params = path
      .slice(q + 1)
      .split("&")
      .map((pair) => {
        const eq = pair.indexOf("=");
        if (eq === -1) return pair;
        let name = pair.slice(0, eq);
        try {
          name = decodeURIComponent(name);
        } catch {
          // A name that doesn't decode is kept as sent; its value is still checked below.
        }
        return secretParams.has(name.toLowerCase()) ? `${pair.slice(0, eq)}=[redacted]` : pair;
      });
    result = `${path.slice(0, q)}?${params.join("&")}`;
  }
  // The second belt (the engine redacts its log entries too), for any credential format the spec
  // defines, in a path segment or a parameter of another name, percent-encoded or not.
  return redactSecrets(result);
}

// Under load many lines share a millisecond; their timestamp is formatted once.
let lastMs = Number.NaN;
let lastText = "";

function timestamp(at: Date | undefined): string {
  if (at !== undefined) return at.toISOString();
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastText = new Date(ms).toISOString();
  }
  return lastText;
}

/** `2026-11-23T10:00:00.000Z 200 GET /v1/agents 0.4ms workspace_key:key_… req_…` */
export function formatLogLine(entry: LogEntry, at?: Date): string {
  // One template rather than an array joined: this runs for every request the sandbox answers.
  // A refused request names the check that refused it: `403 … insufficient_scope (scope)`.
  const code = entry.code ? ` ${entry.code}${entry.check ? ` (${entry.check})` : ""}` : "";
  return `${timestamp(at)} ${entry.status} ${entry.method} ${redactPath(entry.path)} ${entry.ms.toFixed(1)}ms ${entry.principal ?? "-"}${code} ${entry.requestId}`;
}
