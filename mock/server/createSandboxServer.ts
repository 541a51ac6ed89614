// `latchkey sandbox` as a library: the engine behind node:http, with CORS, the docs page, request
// logs, an optional state file, and a shutdown that lets in-flight requests finish.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createEngine, type Engine, type EngineOptions } from "../engine/createEngine.js";
import { createChangeLogFile } from "../state/createChangeLogFile.js";
import { loadState } from "../stateFile.js";
import { answerConnect } from "./answerConnect.js";
import { allowedHostList, hostName } from "./checkHost.js";
import { createCors } from "./createCors.js";
import { formatJsonLogLine } from "./formatJsonLogLine.js";
import { formatLogLine, redactPath } from "./formatLogLine.js";
import { serveInspector } from "./inspector/inspectorPage.js";
import { createRequestScreen } from "./screenRequest.js";
import { defaultDocsFile, serveDocs } from "./serveDocs.js";
import { toNodeListener } from "./toNodeListener.js";

export interface SandboxServerOptions extends Omit<EngineOptions, "onPersist"> {
  /** Browser origins allowed to call the sandbox; default `["*"]`, fine on loopback. */
  corsOrigins?: readonly string[];
  /** The page served at /docs; default docs/index.html of this checkout (or its .gz). */
  docsFile?: string;
  /**
   * The key the docs page's request console starts with (the starter workspace's user key);
   * put only into a page asked for by the sandbox's own origin. Read on each request.
   */
  docsStarterKey?: () => string | undefined;
  /** Receives one line per request, secrets redacted; default: no request log. */
  log?: (line: string) => void;
  /** `text` (default): one readable line a request; `json`: one JSON object a line. */
  logFormat?: "text" | "json";
  /** Change log file: loaded at start, each change appended (fsynced) before its answer. */
  stateFile?: string;
  /**
   * Host names answered to besides loopback names and the listening address (`--allowed-host`);
   * `.example.test` allows every subdomain too. Others get 403 (DNS rebinding).
   */
  allowedHosts?: readonly string[];
}

export interface SandboxServer {
  /** The engine behind the server, for in-process controls and snapshots. */
  readonly engine: Engine;
  /** The node:http server itself. */
  readonly server: Server;
  /** `http://host:port`, once listening. */
  readonly url: string;
  /** Starts listening (port 0 picks a free port); resolves with the URL. */
  listen(port?: number, host?: string): Promise<string>;
  /**
   * Stops accepting connections, ends open event streams, lets in-flight requests finish
   * (forcing connections closed after `timeoutMs`), then writes the state file a last time.
   */
  close(options?: { timeoutMs?: number }): Promise<void>;
}

/** Loopback and wildcard addresses shown as a URL a person can paste. */
function urlFor(address: AddressInfo): string {
  const host =
    address.address === "0.0.0.0"
      ? "127.0.0.1"
      : address.address === "::"
        ? "::1"
        : address.address;
  return `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
}

function ownLogEntry(req: IncomingMessage, res: ServerResponse, started: number) {
  return {
    requestId: "-",
    method: req.method ?? "GET",
    path: req.url ?? "/",
    status: res.statusCode,
    ms: performance.now() - started,
  };
}

export function createSandboxServer(options: SandboxServerOptions = {}): SandboxServer {
  const {
    corsOrigins,
    docsFile = defaultDocsFile(),
    docsStarterKey,
    log,
    logFormat,
    stateFile,
    allowedHosts,
    ...engineOptions
  } = options;
  const format = logFormat === "json" ? formatJsonLogLine : formatLogLine;
  // No `hmac: nodeHmac` here: under load the engine's default (pure JS, each MAC key's state
  // prepared once) measured ~6–10 µs of CPU a request cheaper than a node:crypto Hmac object per
  // call (native handle, OpenSSL lookup, GC of the wrappers), though alone in a loop node's wins.
  // The change log asks the engine for snapshots when it compacts; the engine writes to the change log.
  const changeLogFile = stateFile
    ? createChangeLogFile(stateFile, () => engine.snapshot())
    : undefined;
  const engine = createEngine({
    ...engineOptions,
    state: stateFile ? loadState(stateFile) : options.state,
    changeLog: options.changeLog ?? changeLogFile,
    logger: log ? (entry) => log(format(entry)) : undefined,
  });
  const cors = createCors(corsOrigins);
  // listen() adds the address it listens on.
  const hosts = allowedHostList(allowedHosts);
  const screen = createRequestScreen({
    allowedHosts: hosts,
    trustedOrigins: corsOrigins,
    extraHeaders: cors.headers,
  });
  const streams = new Set<ServerResponse>();
  let url = "";

  const listener = toNodeListener(engine.answer, {
    extraHeaders: cors.headers,
    streams,
    // A bug below the engine (which answers its own errors): tell the operator, secrets removed.
    onError: (error) => console.error(redactPath(`latchkey sandbox: ${String(error)}`)),
  });
  const server = createServer((req, res) => {
    const started = log ? performance.now() : 0;
    if (
      screen(req, res) ||
      cors.preflight(req, res) ||
      serveDocs(req, res, docsFile, docsStarterKey) ||
      serveInspector(req, res)
    ) {
      // The server's own answers (refusals, preflights, docs) are logged like the engine's.
      if (log) res.once("finish", () => log(format(ownLogEntry(req, res, started))));
      return;
    }
    listener(req, res);
  });
  server.on("connect", answerConnect(engine.answer));

  const listen = async (port = 4010, host = "127.0.0.1") => {
    await engine.ready;
    await engine.sync();
    // Compaction at start: a change log loaded from many lines is one snapshot line from now on.
    changeLogFile?.compact();
    return new Promise<string>((resolve, reject) => {
      server.once("error", reject);
      hosts.push(hostName(host));
      server.listen(port, host, () => {
        server.off("error", reject);
        url = urlFor(server.address() as AddressInfo);
        resolve(url);
      });
    });
  };

  const close = async ({ timeoutMs = 5_000 } = {}) => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const res of streams) res.end();
    // Connections that finish their last request become idle; close them as they do.
    const idle = setInterval(() => server.closeIdleConnections(), 25);
    const force = setTimeout(() => server.closeAllConnections(), timeoutMs);
    server.closeIdleConnections();
    try {
      await closed;
    } finally {
      clearInterval(idle);
      clearTimeout(force);
    }
    changeLogFile?.close();
  };

  return {
    engine,
    server,
    get url() {
      return url;
    },
    listen,
    close,
  };
}
