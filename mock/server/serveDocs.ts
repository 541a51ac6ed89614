// The server's own pages: the API reference at /docs (built by `npm run docs`), / → /docs, and
// the icon at /favicon.ico.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { faviconSvg } from "./favicon.js";

/** docs/index.html of the checkout this module runs from (source or dist), if it can be found. */
export function defaultDocsFile(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, "openapi.yaml")) && existsSync(join(dir, "package.json"))) break;
    dir = dirname(dir);
  }
  return join(dir, "docs", "index.html");
}

const notBuilt = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>latchkey docs not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto">
<h1>The API reference is not built yet</h1>
<p>This sandbox serves <code>docs/index.html</code>, which is built from <code>openapi.yaml</code>.
In a checkout of latchkey, run:</p>
<pre>npm run docs</pre>
<p>then reload this page. (<code>npm start</code> builds it for you.) The spec itself is already
served at <a href="/openapi.yaml">/openapi.yaml</a> and <a href="/openapi.json">/openapi.json</a>.</p>
</body></html>
`;

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    "content-type": type,
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-cache",
  });
  res.end(body);
}

/**
 * Answers GET/HEAD of `/` and `/docs` and returns true; false for anything else, which the engine
 * answers. The page is read on each request, so docs built after the server started show up.
 */
export function serveDocs(req: IncomingMessage, res: ServerResponse, docsFile: string): boolean {
  const url = req.url ?? "/";
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  if (url === "/favicon.ico") {
    send(res, 200, "image/svg+xml", faviconSvg);
    return true;
  }
  // Redoc's menu links are root-relative (/agents, /section/…): a reload after a click is a
  // browser navigation to such a path, which gets the page back rather than a JSON 404.
  if (isNavigation(req) && !isApiPath(url)) {
    serveFile(res, docsFile);
    return true;
  }
  // Every API request passes through here; only "/", "/?…" and "/d…" can be ours.
  const second = url.charCodeAt(1);
  if (url.length > 1 && second !== 100 /* d */ && second !== 63 /* ? */) return false;
  const path = url.split("?", 1)[0];
  if (path === "/") {
    res.writeHead(302, { location: "/docs", "content-length": 0 });
    res.end();
    return true;
  }
  if (path !== "/docs" && path !== "/docs/") return false;
  serveFile(res, docsFile);
  return true;
}

const isNavigation = (req: IncomingMessage) =>
  req.headers["sec-fetch-mode"] === "navigate" ||
  req.headers.accept?.startsWith("text/html") === true;
const apiPrefixes = ["/v1/", "/_sandbox/", "/.well-known/", "/openapi."];
const isApiPath = (url: string) => apiPrefixes.some((prefix) => url.startsWith(prefix));

function serveFile(res: ServerResponse, docsFile: string): void {
  readFile(docsFile).then(
    (html) => send(res, 200, "text/html; charset=utf-8", html),
    () => send(res, 404, "text/html; charset=utf-8", notBuilt),
  );
}
