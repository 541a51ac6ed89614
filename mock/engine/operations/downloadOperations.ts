// Agents' files: minting download links and serving the bytes. A download token opens exactly
// the file it was minted for; every download answer is uncacheable and sends no referrer, so a
// token in the URL does not travel further.
import type { EngineContext } from "../EngineContext.js";
import type { OperationHandlers, Principal } from "../types.js";
import { agentFile } from "./agentFile.js";
import { inWorkspace, notFound, principalOf } from "./inWorkspace.js";
import { signedLink } from "./signedLink.js";

type DownloadOperationId = "createDownloadToken" | "downloadFile";

export function downloadOperations(
  ctx: EngineContext,
): Pick<OperationHandlers, DownloadOperationId> {
  const readFile = (principal: Principal, agentId: string, filename: string) => {
    const agent = inWorkspace(ctx.store.agents, agentId, principal.workspaceId, "agent");
    const text = agentFile(ctx, agent, filename);
    if (text === undefined) throw notFound("file", `${agentId}/${filename}`);
    return { agent, text };
  };

  return {
    createDownloadToken(input) {
      const principal = principalOf(input);
      const { agentId, filename } = input.path;
      const { agent } = readFile(principal, agentId, filename);
      const body = signedLink(ctx, {
        kind: "download_token",
        resource: `${agent.id}/${filename}`,
        workspaceId: agent.workspaceId,
        path: `/v1/downloads/${agent.id}/${encodeURIComponent(filename)}`,
        origin: input.request.origin,
        expiresIn: input.body?.expires_in,
        grantedBy: principal,
      });
      return { status: 201, body };
    },

    downloadFile(input) {
      const principal = principalOf(input);
      const { agentId, filename } = input.path;
      const { text } = readFile(principal, agentId, filename);
      return {
        status: 200,
        raw: new TextEncoder().encode(text),
        headers: {
          "content-type": "application/octet-stream",
          "content-disposition": `attachment; filename="${filename}"`,
          "cache-control": "no-store",
          "referrer-policy": "no-referrer",
        },
      };
    },
  };
}
