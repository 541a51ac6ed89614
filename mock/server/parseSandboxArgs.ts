// `latchkey sandbox` flags → server options, with an error a person can act on for each mistake.
import { parseArgs } from "node:util";
import { parseDuration } from "../engine/parseDuration.js";
import type { SandboxServerOptions } from "./createSandboxServer.js";
import { sandboxControlsHelp } from "./sandboxControlsHelp.js";

export const sandboxUsage = `Usage: latchkey sandbox [options]

Runs the Agent Platform API in sandbox mode on this machine, with every auth rule enforced.

Options:
  --port N             port to listen on (default 4010; 0 picks a free one)
  --host HOST          address to listen on (default 127.0.0.1)
  --seed N             reproducible ids and secrets, for demos and docs (never for real secrets)
  --session-ttl D      session access token lifetime, such as 15m (default) or 2h
  --state FILE         keep state in FILE across restarts (a change log, each change fsynced)
  --journal N          keep the last N requests and their decisions for /_sandbox/requests and
                       the inspector (default 10000; 0 turns the request journal off)
  --store URL          share state with other replicas through Redis (redis://HOST:PORT)
  --workers N          run N processes on this port, sharing --store (default 1)
  --strict             validate every response against the spec; a mismatch is a 500 naming it
  --rate-limit N/W     rate limit, such as 100/1s (default: none): N requests per user (all its
                       tokens and keys) or credential, N failed authentications per client
                       address and N sign-ins per account, in each window W
  --cors-origin URL    allow browser calls from this origin; repeat for more (default: any)
  --allowed-host NAME  also answer requests for this Host name (.NAME: and its subdomains);
                       repeat for more (default: localhost, IP addresses and --host only)
  --jwks-url URL       also accept session JWTs signed by the keys at URL ...
  --issuer ISS         ... whose iss claim is ISS (give both flags together); each (iss, sub)
                       signs in only once linked to a user with POST /_sandbox/identities
  --audience AUD       ... and whose aud claim holds AUD (without it, any aud is accepted)
  --stream-interval MS delay between a job's progress events, in ms (default 10)
  --quiet              no request log lines
  --log FORMAT         request log as text (default) or json: one JSON object a line on stdout,
                       with the banner on stderr
  -h, --help           show this help

Sandbox controls: HTTP, JSON, no credential (keep --host on loopback). Details at /docs#tag/Sandbox.
${sandboxControlsHelp()}
`;

export class UsageError extends Error {
  override name = "UsageError";
}

export interface SandboxArgs {
  /** `--help`: print the usage and stop. */
  help: boolean;
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** Address to listen on. */
  host: string;
  /** `--quiet`: no request log lines. */
  quiet: boolean;
  /** `--store`: the Redis URL replicas share state through. */
  store: string | undefined;
  /** `--workers`: processes to run on one port (needs `store`). */
  workers: number;
  /** `--log`: `text` lines for people (default) or `json` objects for machines. */
  log: "text" | "json";
  /** Everything else, as createSandboxServer takes it. */
  options: SandboxServerOptions;
}

function duration(flag: string, value: string): string {
  try {
    parseDuration(value);
  } catch {
    throw new UsageError(
      `${flag} ${value}: not a duration; use a number and a unit, like 15m or 2h.`,
    );
  }
  return value;
}

function rateLimit(value: string): { limit: number; window: string } {
  const match = /^([1-9][0-9]*)(?:\/(.+))?$/.exec(value);
  if (!match?.[1]) {
    throw new UsageError(`--rate-limit ${value}: expected requests per window, like 100/1s.`);
  }
  return { limit: Number(match[1]), window: duration("--rate-limit window", match[2] ?? "1s") };
}

function origin(value: string): string {
  if (value === "*") return value;
  try {
    const url = new URL(value);
    if (url.origin === value) return value;
  } catch {
    // Reported below.
  }
  throw new UsageError(
    `--cors-origin ${value}: expected an origin such as http://localhost:5173, or *.`,
  );
}

function hostNameArg(value: string): string {
  if (/^\.?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*$/.test(value)) return value;
  throw new UsageError(
    `--allowed-host ${value}: expected a host name such as sandbox.test, or .test for a domain and its subdomains.`,
  );
}

function storeUrl(value: string): string {
  let protocol = "";
  try {
    protocol = new URL(value).protocol;
  } catch {
    // Reported below.
  }
  if (protocol !== "redis:" && protocol !== "rediss:") {
    throw new UsageError("--store: expected a Redis URL, like redis://127.0.0.1:6379.");
  }
  return value;
}

/** Parses the arguments after `sandbox`. Throws UsageError for anything wrong. */
export function parseSandboxArgs(argv: readonly string[]): SandboxArgs {
  let values: ReturnType<typeof read>["values"];
  try {
    values = read(argv).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const port = Number(values.port ?? "4010");
  if (!/^[0-9]+$/.test(values.port ?? "4010") || port > 65_535) {
    throw new UsageError(`--port ${values.port}: expected a port number from 0 to 65535.`);
  }
  const log = values.log ?? "text";
  if (log !== "text" && log !== "json") {
    throw new UsageError(`--log ${log}: expected text or json.`);
  }
  if ((values["jwks-url"] === undefined) !== (values.issuer === undefined)) {
    throw new UsageError("--jwks-url and --issuer go together: give both, or neither.");
  }
  const store = values.store === undefined ? undefined : storeUrl(values.store);
  const workers = Number(values.workers ?? "1");
  if (!/^[1-9][0-9]?$/.test(values.workers ?? "1")) {
    throw new UsageError(
      `--workers ${values.workers}: expected a number of processes from 1 to 99.`,
    );
  }
  if (workers > 1 && store === undefined) {
    throw new UsageError(
      "--workers needs --store: processes that do not share a store would each hold other keys.",
    );
  }
  if (store !== undefined && (values.seed !== undefined || values.state !== undefined)) {
    throw new UsageError(
      "--store cannot go with --seed or --state: replicas keep their state in the store, and a seed would make them mint the same ids.",
    );
  }
  const options: SandboxServerOptions = { strict: values.strict ?? false };
  if (values.log !== undefined) options.logFormat = log;
  if (values.seed !== undefined) {
    // `--seed 42` seeds like `seed: 42` in code; any other text is used as a string seed.
    options.seed = /^[0-9]{1,15}$/.test(values.seed) ? Number(values.seed) : values.seed;
  }
  if (values["session-ttl"] !== undefined) {
    options.sessionTtl = duration("--session-ttl", values["session-ttl"]);
  }
  if (values.state !== undefined) options.stateFile = values.state;
  if (values.journal !== undefined) {
    if (!/^[0-9]{1,7}$/.test(values.journal)) {
      throw new UsageError(
        `--journal ${values.journal}: expected how many requests to keep, like 10000 (0 for none).`,
      );
    }
    options.journal = Number(values.journal);
  }
  if (values["stream-interval"] !== undefined) {
    const ms = values["stream-interval"];
    if (!/^[0-9]{1,6}$/.test(ms)) {
      throw new UsageError(`--stream-interval ${ms}: expected milliseconds, like 500.`);
    }
    options.streamIntervalMs = Number(ms);
  }
  if (values["rate-limit"] !== undefined) options.rateLimit = rateLimit(values["rate-limit"]);
  if (values["cors-origin"] !== undefined) options.corsOrigins = values["cors-origin"].map(origin);
  if (values["allowed-host"] !== undefined) {
    options.allowedHosts = values["allowed-host"].map(hostNameArg);
  }
  if (values["jwks-url"] !== undefined && values.issuer !== undefined) {
    try {
      new URL(values["jwks-url"]);
    } catch {
      throw new UsageError(`--jwks-url ${values["jwks-url"]}: not a URL.`);
    }
    const audience = values.audience;
    options.trustedIssuers = [
      { issuer: values.issuer, jwksUrl: values["jwks-url"], ...(audience ? { audience } : {}) },
    ];
  } else if (values.audience !== undefined) {
    throw new UsageError("--audience goes with --jwks-url and --issuer.");
  }
  return {
    help: values.help ?? false,
    port,
    host: values.host ?? "127.0.0.1",
    quiet: values.quiet ?? false,
    store,
    workers,
    log,
    options,
  };
}

function read(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      seed: { type: "string" },
      "session-ttl": { type: "string" },
      state: { type: "string" },
      journal: { type: "string" },
      strict: { type: "boolean" },
      "rate-limit": { type: "string" },
      "cors-origin": { type: "string", multiple: true },
      "allowed-host": { type: "string", multiple: true },
      "jwks-url": { type: "string" },
      issuer: { type: "string" },
      audience: { type: "string" },
      "stream-interval": { type: "string" },
      quiet: { type: "boolean" },
      store: { type: "string" },
      workers: { type: "string" },
      log: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}
