// A diagnostic for `npm run bench:sandbox:costs`: the server of `latchkey sandbox` (its starter
// workspace, request log to stdout) with named parts of the engine's work swapped for stand-ins
// that cost next to nothing, so the rate each one costs on the HTTP path can be measured. Never a
// sandbox to use: with `free-digest` a secret's digest is an XOR fold, with no security at all.
// Usage: node --import tsx bench/sandbox.costServer.ts [free-digest] [fixed-list] [no-log]
//   → prints `listening on <url> key <secret>` (a workspace key with agents:read).
import type { HmacSha256 } from "../mock/engine/EngineContext.js";
import type { OperationHandlers } from "../mock/engine/types.js";
import { createLineWriter } from "../mock/server/createLineWriter.js";
import { createSandboxServer } from "../mock/server/createSandboxServer.js";
import { starterWorkspace } from "../mock/server/starterWorkspace.js";

const parts = new Set(process.argv.slice(2));
for (const part of parts) {
  if (!["free-digest", "fixed-list", "no-log"].includes(part)) throw new Error(`unknown ${part}`);
}

/** 32 bytes folded from the message: as fast as a digest can be, and as insecure. */
const foldDigest: HmacSha256 = (_key, message) => {
  const out = new Uint8Array(32);
  message.forEach((byte, i) => {
    out[i & 31] = (out[i & 31] as number) ^ byte;
  });
  return out;
};

/** The listing the real implementation gave once, answered as is from then on. */
let fixedPage: string | undefined;
const fixedList: Partial<OperationHandlers> = {
  listAgents: () => ({
    status: 200,
    raw: fixedPage ?? "",
    headers: { "content-type": "application/json" },
  }),
};

const write = createLineWriter(process.stdout);
const sandbox = createSandboxServer({
  ...(parts.has("free-digest") && { hmac: foldDigest }),
  ...(parts.has("fixed-list") && { handlers: fixedList }),
  log: parts.has("no-log") ? undefined : write,
});
const url = await sandbox.listen(0, "127.0.0.1");
const starter = await starterWorkspace(sandbox.engine);
const created = await fetch(`${url}/v1/w/${starter.workspaceId}/keys`, {
  method: "POST",
  headers: { authorization: `Bearer ${starter.userKey}`, "content-type": "application/json" },
  body: JSON.stringify({ name: "bench", scopes: ["agents:read"] }),
});
const { secret } = (await created.json()) as { secret: string };
if (parts.has("fixed-list")) {
  // The stand-in answers what the real listing answers, read through a sandbox without it.
  const real = createSandboxServer({
    state: sandbox.engine.snapshot(),
    ...(parts.has("free-digest") && { hmac: foldDigest }),
  });
  const realUrl = await real.listen(0, "127.0.0.1");
  const page = await fetch(`${realUrl}/v1/agents`, {
    headers: { authorization: `Bearer ${secret}` },
  });
  fixedPage = await page.text();
  await real.close();
}
process.stdout.write(`listening on ${url} key ${secret}\n`);
process.on("SIGTERM", () => void sandbox.close().then(() => process.exit(0)));
