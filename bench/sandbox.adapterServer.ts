// A diagnostic for `npm run bench:sandbox`: the sandbox's node:http adapter (with the CLI's light
// Response) in front of a handler that does what bareServer.mjs does, and nothing else. Between
// this and the bare server is the adapter's cost; between this and the sandbox, the engine's.
// Usage: node --import tsx bench/sandbox.adapterServer.ts "<Authorization header value>"
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { installLightResponse } from "../mock/server/installLightResponse.js";
import { toNodeListener } from "../mock/server/toNodeListener.js";
import { agentListBody as ok } from "./agentListBody.mjs";

installLightResponse();
const expected = process.argv[2] ?? "";

const server = createServer(
  toNodeListener((request) =>
    request.headers.get("authorization") === expected
      ? new Response(ok, { headers: { "content-type": "application/json" } })
      : new Response('{"code":"credentials_missing"}', {
          status: 401,
          headers: { "content-type": "application/problem+json" },
        }),
  ),
);
server.listen(0, "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
