// The floor for `npm run bench:sandbox`: a bare node:http server that checks the credential header
// and answers fixed JSON. Whatever the sandbox costs beyond this is the adapter plus the engine.
// Usage: node bench/bareServer.mjs "<Authorization header value>"  → prints its URL on stdout.
import { createServer } from "node:http";
import { agentListBody as ok } from "./agentListBody.mjs";

const expected = process.argv[2] ?? "";
const denied = JSON.stringify({ status: 401, code: "credentials_missing" });

const server = createServer((req, res) => {
  const good = req.headers.authorization === expected;
  const body = good ? ok : denied;
  res.writeHead(good ? 200 : 401, {
    "content-type": good ? "application/json" : "application/problem+json",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
});
server.listen(0, "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
