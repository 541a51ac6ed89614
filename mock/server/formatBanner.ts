// What `latchkey sandbox` prints when it is ready: where it is, and one command that works.
import type { Engine } from "../engine/createEngine.js";
import type { Schemas } from "../engine/types.js";

export interface BannerInfo {
  /** Where the sandbox listens, such as `http://127.0.0.1:4010`. */
  url: string;
  /** The fresh workspace's owner key, shown once so the curl line can be pasted as is. */
  userKey: string;
  /** The fresh workspace's id. */
  workspaceId: string;
  /** The `--state` file, if any. */
  stateFile?: string | undefined;
  /** Whether responses are checked against the spec (`--strict`). */
  strict: boolean;
}

/**
 * A fresh workspace made through the engine's own HTTP path (so a state file records it too),
 * whose owner key goes into the banner's curl line.
 */
export async function createBannerWorkspace(
  engine: Engine,
  url: string,
): Promise<{ userKey: string; workspaceId: string }> {
  const response = await engine.handle(
    new Request(`${url}/_sandbox/workspaces`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Started from the command line" }),
    }),
  );
  if (response.status !== 201) {
    throw new Error(`Creating the starter workspace failed with ${response.status}.`);
  }
  const created = (await response.json()) as Schemas["SandboxWorkspace"];
  return { userKey: created.owner.user_key.secret, workspaceId: created.workspace.id };
}

/** The banner text; the curl line is the one a person pastes first. */
export function formatBanner(info: BannerInfo): string {
  return [
    `latchkey sandbox listening on ${info.url}`,
    `  docs:   ${info.url}/docs`,
    `  spec:   ${info.url}/openapi.yaml`,
    `  state:  ${info.stateFile ?? "in memory (use --state FILE to keep it)"}`,
    `  strict: ${info.strict ? "on, every response is checked against the spec" : "off"}`,
    "",
    `A fresh workspace ${info.workspaceId} is ready. List its agents with its owner's test key:`,
    "",
    `  curl -H "Authorization: Bearer ${info.userKey}" ${info.url}/v1/agents`,
    "",
    "Press Ctrl+C to stop.",
    "",
  ].join("\n");
}
