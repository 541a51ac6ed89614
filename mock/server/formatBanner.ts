// What `latchkey sandbox` prints when it is ready: where it is, and one command that works.
import type { Engine } from "../engine/createEngine.js";
import { createWorkspace } from "../engine/fixtures.js";

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
  /** Outside issuers whose JWTs are accepted (`--jwks-url`, `--issuer`, `--audience`). */
  issuers?: readonly { issuer: string; audience?: string | undefined }[] | undefined;
}

/**
 * A fresh workspace whose owner key goes into the banner's curl line. Made by the same fixture
 * the `POST /_sandbox/workspaces` operation runs, called directly: the HTTP path would first
 * compile that body's schema validator, tens of ms before the banner for a name we choose
 * ourselves. It is then persisted like any change, so a state file records it too.
 */
export async function createBannerWorkspace(
  engine: Engine,
): Promise<{ userKey: string; workspaceId: string }> {
  await engine.ready;
  const created = createWorkspace(engine.context, { name: "Started from the command line" });
  await engine.context.persist();
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
    ...(info.issuers ?? []).map(
      ({ issuer, audience }) =>
        `  issuer: ${issuer}, ${audience ? `audience ${audience}` : "no audience configured: tokens for any aud are accepted (--audience)"}; link subjects with POST /_sandbox/identities`,
    ),
    "",
    `A fresh workspace ${info.workspaceId} is ready. List its agents with its owner's test key:`,
    "",
    `  curl -H "Authorization: Bearer ${info.userKey}" ${info.url}/v1/agents`,
    "",
    "Press Ctrl+C to stop.",
    "",
  ].join("\n");
}
