// A sandbox broken on purpose: a small HTTP proxy in front of a real `latchkey sandbox` that
// changes its answers the way a faulty deployment would. `latchkey verify` must find each break
// and name the operation.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type Break =
  /** GET /v1/agents answers 200 (an empty page) where the sandbox said 403 insufficient_scope. */
  | "ignores scopes on listAgents"
  /** GET /v1/agents/{id} answers another workspace's agent with 200 instead of 404. */
  | "shows another workspace's agent"
  /** Revoking a key answers as if it worked but leaves the key working. */
  | "accepts a revoked key";

export interface BrokenProxy {
  url: string;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startBrokenProxy(upstream: string, broken: Break): Promise<BrokenProxy> {
  const agents = new Map<string, unknown>();
  const server: Server = createServer(async (request, response) => {
    const method = request.method ?? "GET";
    const path = request.url ?? "/";
    const body = await readBody(request);
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === "string" && name !== "host" && name !== "content-length")
        headers.set(name, value);
    }
    const forward = (m = method) =>
      fetch(new URL(path, upstream), {
        method: m,
        headers,
        body: m === "GET" || m === "DELETE" || body.length === 0 ? undefined : new Uint8Array(body),
      });
    const send = async (answer: Response, replace?: { status: number; json: unknown }) => {
      const text = replace ? JSON.stringify(replace.json) : Buffer.from(await answer.arrayBuffer());
      const out: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (name !== "content-length" && name !== "transfer-encoding" && name !== "connection")
          out[name] = value;
      });
      if (replace) {
        out["content-type"] = "application/json";
        delete out["www-authenticate"];
      }
      response.writeHead(replace?.status ?? answer.status, out).end(text);
    };
    try {
      if (
        broken === "accepts a revoked key" &&
        method === "DELETE" &&
        /\/(keys|api-keys)\/key_/.test(path)
      ) {
        return await send(await forward("GET"));
      }
      const answer = await forward();
      if (path === "/_sandbox/workspaces" && answer.status === 201) {
        const json = (await answer.clone().json()) as { agents: { agent: { id: string } }[] };
        for (const { agent } of json.agents) agents.set(agent.id, agent);
      }
      if (
        broken === "ignores scopes on listAgents" &&
        method === "GET" &&
        path.split("?")[0] === "/v1/agents" &&
        answer.status === 403
      ) {
        const code = ((await answer.clone().json()) as { code?: string }).code;
        if (code === "insufficient_scope")
          return await send(answer, { status: 200, json: { data: [], next_cursor: null } });
      }
      const agentPath = /^\/v1\/agents\/(agt_\w+)$/.exec(path);
      if (
        broken === "shows another workspace's agent" &&
        method === "GET" &&
        agentPath &&
        answer.status === 404
      ) {
        const agent = agents.get(agentPath[1] ?? "");
        if (agent) return await send(answer, { status: 200, json: agent });
      }
      await send(answer);
    } catch (error) {
      response.writeHead(502).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
