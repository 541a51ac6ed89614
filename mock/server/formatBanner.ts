// What `latchkey sandbox` prints when it is ready: where it is, and two commands that work.
import type { StarterWorkspace } from "./starterWorkspace.js";

export interface BannerInfo extends StarterWorkspace {
  /** Where the sandbox listens, such as `http://127.0.0.1:4010`. */
  url: string;
  /** The `--state` file, if any. */
  stateFile?: string | undefined;
  /** Whether responses are checked against the spec (`--strict`). */
  strict: boolean;
  /** Outside issuers whose JWTs are accepted (`--jwks-url`, `--issuer`, `--audience`). */
  issuers?: readonly { issuer: string; audience?: string | undefined }[] | undefined;
}

/** The banner text; the curl lines are what a person pastes first. */
export function formatBanner(info: BannerInfo): string {
  const lines = [
    `latchkey sandbox listening on ${info.url}`,
    `  docs:   ${info.url}/docs`,
    `  spec:   ${info.url}/openapi.yaml`,
    `  health: ${info.url}/_sandbox/health`,
    `  why:    ${info.url}/_sandbox/inspector (every request and the checks that decided it)`,
    `  state:  ${info.stateFile ?? "in memory (use --state FILE to keep it)"}`,
    `  strict: ${info.strict ? "on, every response is checked against the spec" : "off"}`,
    ...(info.issuers ?? []).map(
      ({ issuer, audience }) =>
        `  issuer: ${issuer}, ${audience ? `audience ${audience}` : "no audience configured: tokens for any aud are accepted (--audience)"}; link subjects with POST /_sandbox/identities`,
    ),
    "",
    info.reused
      ? `Workspace ${info.workspaceId} from the state file is ready, with new test keys. List its agents with its owner's:`
      : `A fresh workspace ${info.workspaceId} is ready. List its agents with its owner's test key:`,
    "",
    `  curl -H "Authorization: Bearer ${info.userKey}" ${info.url}/v1/agents`,
    "",
  ];
  if (info.agent) {
    lines.push(
      `Invoke its agent ${info.agent.slug} with that agent's own key (the only key invoke accepts):`,
      "",
      `  curl -H "Authorization: Bearer ${info.agent.key}" -H "Content-Type: application/json" -d '{"input":"Hello"}' ${info.url}/v1/invoke/${info.agent.slug}`,
      "",
    );
  }
  lines.push("Press Ctrl+C to stop.", "");
  return lines.join("\n");
}
