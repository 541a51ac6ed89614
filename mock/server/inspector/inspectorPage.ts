// GET /_sandbox/inspector: the request journal as a page a person watches while their app runs.
// Self-contained (no CDN, no font, no image): its only network is its own sandbox, which the
// Content-Security-Policy enforces (connect-src 'self', scripts and styles by hash only). It is a
// /_sandbox path, so the server's Host and cross-origin screen applies to it like any control.
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { credentialKinds } from "../../../src/generated/security.js";
import { inspectorScript } from "./inspectorScript.js";
import { inspectorStyle } from "./inspectorStyle.js";

const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

export const inspectorCsp = [
  "default-src 'none'",
  `script-src ${hash(inspectorScript)}`,
  `style-src ${hash(inspectorStyle)}`,
  "connect-src 'self'",
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const kindOptions = credentialKinds.map((kind) => `<option>${kind}</option>`).join("");

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>latchkey sandbox — requests</title>
<meta name="referrer" content="no-referrer">
<style>${inspectorStyle}</style></head>
<body>
<header><h1>latchkey sandbox · requests</h1><span id="count"></span><span id="note"></span></header>
<form id="filters" autocomplete="off">
<label>workspace <input id="workspace_id" placeholder="ws_…" size="22"></label>
<label>status <input id="status" placeholder="403" size="4"></label>
<label>credential <select id="credential_kind"><option value="">any</option>${kindOptions}</select></label>
<button type="button" id="pause">Pause</button>
</form>
<main><section class="list"><table><thead><tr><th>time</th><th>status</th><th>code</th><th>request</th><th>operation</th><th>credential</th><th>workspace</th></tr></thead>
<tbody id="rows"></tbody></table></section>
<section id="detail" class="detail"><p>Requests appear here as the sandbox answers them.</p></section></main>
<script>${inspectorScript}</script>
</body></html>
`;

/** Answers GET/HEAD /_sandbox/inspector and returns true; false for any other request. */
export function serveInspector(req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url ?? "/";
  if (url !== "/_sandbox/inspector" && !url.startsWith("/_sandbox/inspector?")) return false;
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  res.writeHead(200, {
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(page),
    "content-security-policy": inspectorCsp,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-cache",
  });
  res.end(req.method === "HEAD" ? undefined : page);
  return true;
}
