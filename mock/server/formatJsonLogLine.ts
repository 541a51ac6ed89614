// `--log json`: the request log as one JSON object a line, for log shippers and CI parsers. The
// same fields and the same redaction as the text line: only the layout differs.
import type { LogEntry } from "../engine/EngineContext.js";
import { redactPath } from "./formatLogLine.js";

/** `{"time":…,"status":200,"method":"GET","path":"/v1/agents","ms":0.4,…}` */
export function formatJsonLogLine(entry: LogEntry, at: Date = new Date()): string {
  return JSON.stringify({
    time: at.toISOString(),
    status: entry.status,
    method: entry.method,
    path: redactPath(entry.path),
    ms: Math.round(entry.ms * 10) / 10,
    principal: entry.principal ?? null,
    code: entry.code ?? null,
    check: entry.check ?? null,
    request_id: entry.requestId,
  });
}

/** A line of the sandbox's own (not a request's) in the same format, such as "listening". */
export function formatJsonEvent(event: string, fields: Record<string, unknown> = {}): string {
  return JSON.stringify({ time: new Date().toISOString(), event, ...fields });
}
