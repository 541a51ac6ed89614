// The docs page's request console comes with the starter workspace's user key filled in, like the
// banner's curl line: the page is a tool for the person who started the sandbox. So the key goes
// only into a page the sandbox's own origin asked for (a reader opening /docs, never another
// site's fetch or frame), and that page is never stored by a cache (serveDocs: no-store).
import type { IncomingMessage } from "node:http";

/** What the built page carries where the key goes (scripts/docs/scalarPage.ts writes it). */
export const starterKeySlot = '<script id="latchkey-starter" type="application/json">null</script>';

/**
 * Whether `req` comes from the sandbox's own origin or from the reader directly (typed URL,
 * bookmark): Fetch Metadata says so in every current browser; an `Origin` naming another host
 * says otherwise. Without either header (curl, an old browser) the request is a person's own.
 */
export function isOwnOriginRequest(req: IncomingMessage): boolean {
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none") return false;
  const origin = req.headers.origin;
  if (origin === undefined || origin === "null") return origin === undefined;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** The page with `key` in its slot (as JSON safe inside a script element), or as built. */
export function withStarterKey(html: string, key: string | undefined): string {
  if (key === undefined || !/^[A-Za-z0-9_]+$/.test(key)) return html;
  const json = JSON.stringify({ userKey: key });
  return html.replace(starterKeySlot, starterKeySlot.replace(">null<", `>${json}<`));
}
