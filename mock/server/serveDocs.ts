// The server's own pages: the API reference at /docs (built by `npm run docs`), / → /docs, and
// the icon at /favicon.ico.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { isOwnOriginRequest, withStarterKey } from "./docsStarterKey.js";
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
    // The docs page may carry the starter key: no cache keeps it (nor the icon, which is tiny).
    "cache-control": "no-store",
    "referrer-policy": "no-referrer",
    // No other site may frame the page and drive its request console.
    "x-frame-options": "SAMEORIGIN",
  });
  res.end(body);
}

/**
 * Answers GET/HEAD of `/` and `/docs` and returns true; false for anything else, which the engine
 * answers. The page is read on each request, so docs built after the server started show up.
 */
export function serveDocs(
  req: IncomingMessage,
  res: ServerResponse,
  docsFile: string,
  starterKey?: () => string | undefined,
): boolean {
  const url = req.url ?? "/";
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  if (url === "/favicon.ico") {
    send(res, 200, "image/svg+xml", faviconSvg);
    return true;
  }
  // Menu links of the page may be root-relative paths: a reload after a click is a
  // browser navigation to such a path, which gets the page back rather than a JSON 404.
  const key = () => (isOwnOriginRequest(req) ? starterKey?.() : undefined);
  if (isNavigation(req) && !isApiPath(url)) {
    servePage(res, docsFile, key());
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
  servePage(res, docsFile, key());
  return true;
}

const isNavigation = (req: IncomingMessage) =>
  req.headers["sec-fetch-mode"] === "navigate" ||
  req.headers.accept?.startsWith("text/html") === true;
const apiPrefixes = ["/v1/", "/_sandbox/", "/.well-known/", "/openapi."];
const isApiPath = (url: string) => apiPrefixes.some((prefix) => url.startsWith(prefix));

/** The built page: docs/index.html in a checkout, its gzip (what the package ships) otherwise. */
async function readPage(docsFile: string): Promise<string> {
  try {
    return await readFile(docsFile, "utf8");
  } catch (error) {
    if (!existsSync(`${docsFile}.gz`)) throw error;
    return (await promisify(gunzip)(await readFile(`${docsFile}.gz`))).toString("utf8");
  }
}

function servePage(res: ServerResponse, docsFile: string, key: string | undefined): void {
  readPage(docsFile).then(
    (html) => send(res, 200, "text/html; charset=utf-8", withStarterKey(html, key)),
    () => send(res, 404, "text/html; charset=utf-8", notBuilt),
  );
}
