import { redactSecrets } from "./redactSecrets.js";

/** How much the client logs: `"off"` (default), `"error"`, `"warn"`, `"info"` or `"debug"`. */
export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

/** Where logs go: any object with console's methods (console, pino, …). */
export interface Logger {
  error(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  info(message: string, ...rest: unknown[]): void;
  debug(message: string, ...rest: unknown[]): void;
}

/** Logs one line at a level; every line is redacted before the logger sees it. */
export type Log = (level: Exclude<LogLevel, "off">, message: string) => void;

const RANK: Record<LogLevel, number> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

/** `LATCHKEY_LOG`, where the runtime has a `process` (Node, Bun, Deno's compatibility). */
function fromEnvironment(): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env;
  return env?.LATCHKEY_LOG;
}

/** The client's log, or undefined when it logs nothing (so the hot path pays nothing). */
export function createLog(level: LogLevel | undefined, logger: Logger = console): Log | undefined {
  if (level !== undefined && !Object.hasOwn(RANK, level)) {
    throw new TypeError(`latchkey: unknown logLevel "${level}" (off, error, warn, info, debug)`);
  }
  // An unknown LATCHKEY_LOG logs nothing: an environment variable must not break the app.
  const chosen = level ?? fromEnvironment() ?? "off";
  const threshold = Object.hasOwn(RANK, chosen) ? RANK[chosen as LogLevel] : 0;
  if (threshold === 0) return undefined;
  return (at, message) => {
    if (RANK[at] <= threshold) logger[at](`latchkey ${at}: ${redactSecrets(message)}`);
  };
}
