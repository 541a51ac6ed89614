// The one sentence `latchkey sandbox` prints when it cannot listen. Under `npm start` the fix is
// typed differently (flags go after `--`), so the sentence says it the way the user runs it.

/** True when run by `npm start` (npm sets npm_lifecycle_event for the script and its children). */
function underNpmStart(): boolean {
  return process.env.npm_lifecycle_event === "start";
}

export function listenFailure(host: string, port: number, code: string | undefined): string {
  const flag = (value: string) =>
    underNpmStart() ? `npm start -- --port ${value}` : `latchkey sandbox --port ${value}`;
  if (code === "EADDRINUSE") {
    return `${host}:${port} is in use; run "${flag("0")}" to take a free port, or give another with "${flag("N")}".`;
  }
  if (code === "EACCES") {
    return `${host}:${port} needs privileges this user lacks; run "${flag("0")}" or use a port above 1023.`;
  }
  return `listening on ${host}:${port} failed (${code ?? "unknown error"}); check --host and --port.`;
}
