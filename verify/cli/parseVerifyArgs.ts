// `latchkey verify` options, strictly: an unknown option or a bad number is a usage error.
import { VerifySetupError } from "../VerifySetupError.js";

export const verifyUsage = `Usage: latchkey verify --base-url URL [options]

Checks that a deployment of the Agent Platform API keeps the spec's auth contract: every
operation × credential kind × header × scope × tenant × credential state.

Options:
  --base-url URL      the deployment to verify (required)
  --config FILE       credentials and ids of a target that is not a latchkey sandbox
  --sandbox           the target is a latchkey sandbox (default: detected by /_sandbox)
  --json FILE         write the full report as JSON
  --junit FILE        write a JUnit XML report
  --concurrency N     requests in flight at once (default 8)
  --max-rps N         start at most N requests per second
  --allow-writes      let cells change data the tool did not create (config targets)
  --only IDS          verify only these operation ids, comma-separated
  -h, --help          show this help

Exit status: 0 no mismatch, 1 a mismatch, 2 a usage or connection error.
`;

export interface VerifyArgs {
  help: boolean;
  baseUrl: string;
  config: string | null;
  sandbox: boolean;
  json: string | null;
  junit: string | null;
  concurrency: number;
  maxRps: number | null;
  allowWrites: boolean;
  only: string[] | null;
}

function positive(name: string, value: string | undefined): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new VerifySetupError(`${name} needs a whole number ≥ 1, not "${value ?? ""}".`);
  return number;
}

export function parseVerifyArgs(argv: readonly string[]): VerifyArgs {
  const args: VerifyArgs = {
    help: false,
    baseUrl: "",
    config: null,
    sandbox: false,
    json: null,
    junit: null,
    concurrency: 8,
    maxRps: null,
    allowWrites: false,
    only: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = (argv[i] as string).split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => {
      const next = inline ?? argv[++i];
      if (next === undefined || next === "") throw new VerifySetupError(`${flag} needs a value.`);
      return next;
    };
    switch (flag) {
      case "-h":
      case "--help":
        args.help = true;
        break;
      case "--base-url":
        args.baseUrl = value();
        break;
      case "--config":
        args.config = value();
        break;
      case "--sandbox":
        args.sandbox = true;
        break;
      case "--json":
        args.json = value();
        break;
      case "--junit":
        args.junit = value();
        break;
      case "--concurrency":
        args.concurrency = positive(flag, value());
        break;
      case "--max-rps":
        args.maxRps = positive(flag, value());
        break;
      case "--allow-writes":
        args.allowWrites = true;
        break;
      case "--only":
        args.only = value()
          .split(",")
          .map((id) => id.trim())
          .filter(Boolean);
        break;
      default:
        throw new VerifySetupError(`unknown option "${flag}".`);
    }
  }
  if (!args.help) {
    if (!args.baseUrl) throw new VerifySetupError("--base-url is required.");
    try {
      const url = new URL(args.baseUrl);
      if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error();
    } catch {
      throw new VerifySetupError(`--base-url "${args.baseUrl}" is not an http(s) URL.`);
    }
  }
  return args;
}
