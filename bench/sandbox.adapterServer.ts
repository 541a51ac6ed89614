// A diagnostic for `npm run bench:sandbox`: the sandbox's node:http adapter in front of a handler
// that does what bareServer.mjs does, and nothing else. Between this and the bare server is the
// adapter's cost; between this and the sandbox, the engine's.
// Usage: node --import tsx bench/sandbox.adapterServer.ts "<Authorization header value>"
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { toNodeListener } from "../mock/server/toNodeListener.js";
import { agentListBody as ok } from "./agentListBody.mjs";

const expected = process.argv[2] ?? "";

const server = createServer(
  toNodeListener(async (request) =>
    request.headers.get("authorization") === expected
      ? { status: 200, headers: { "content-type": "application/json" }, body: ok }
      : {
          status: 401,
          headers: { "content-type": "application/problem+json" },
          body: '{"code":"credentials_missing"}',
        },
  ),
);
server.listen(0, "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
