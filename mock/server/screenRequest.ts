// The standalone server's own refusals, decided from the request line and headers before anything
// else runs: a Host it does not answer to, a declared body over the limit, a control request from
// a web page. The in-process sandbox (sandbox.fetch, MSW) has no Host to guard and never sees these.
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRandom } from "../engine/createRandom.js";
import type { ProblemError } from "../engine/ProblemError.js";
import { requestId } from "../engine/requestId.js";
import { checkContentLength } from "./checkContentLength.js";
import { checkControlRequest } from "./checkControlRequest.js";
import { hostNotAllowed, isHostAllowed } from "./checkHost.js";

export interface ScreenOptions {
  /** Host names answered to (see allowedHostList); read on every request, so it may grow. */
  allowedHosts: readonly string[];
  /** Origins the operator trusts (`--cors-origin`); they may call the controls. */
  trustedOrigins?: readonly string[];
  /** CORS headers for the answer, so a page that may read answers can read this one. */
  extraHeaders?: (req: IncomingMessage) => readonly string[] | undefined;
}

/** The first refusal that applies to `req`, or null. */
export function refusalFor(req: IncomingMessage, options: ScreenOptions): ProblemError | null {
  const { headers } = req;
  if (!isHostAllowed(headers.host, options.allowedHosts)) return hostNotAllowed(headers.host ?? "");
  return (
    checkContentLength(headers) ??
    checkControlRequest(req.method ?? "GET", req.url ?? "/", headers, options.trustedOrigins)
  );
}

/** Answers `req` with its refusal and returns true, or returns false to let it through. */
export function createRequestScreen(options: ScreenOptions) {
  const random = createRandom();
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    // A CORS preflight carries no body and changes nothing; only its Host is judged here.
    const preflight =
      req.method === "OPTIONS" && req.headers["access-control-request-method"] !== undefined;
    const problem = preflight
      ? isHostAllowed(req.headers.host, options.allowedHosts)
        ? null
        : hostNotAllowed(req.headers.host ?? "")
      : refusalFor(req, options);
    if (problem === null) return false;
    const answer = problem.toAnswer(requestId(random));
    const headers: string[] = [];
    for (const [name, value] of Object.entries(answer.headers)) headers.push(name, value);
    headers.push(...(options.extraHeaders?.(req) ?? []));
    // The body (if any) is left unread: closing the connection spares reading it just to drain it.
    headers.push("connection", "close");
    res.writeHead(problem.status, headers);
    res.end(req.method === "HEAD" ? undefined : (answer.body as string));
    return true;
  };
}
