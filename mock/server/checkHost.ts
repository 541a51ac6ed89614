// DNS rebinding: a page on evil.example re-points its name at 127.0.0.1 and calls the sandbox with
// `Host: evil.example`. Only names the sandbox was told about are answered (Vite's
// `server.allowedHosts` and webpack-dev-server's host check work the same way).
import { ProblemError } from "../engine/ProblemError.js";
import { redactSecrets } from "../engine/redactSecrets.js";

/** Names every sandbox answers to: `localhost` and its subdomains (RFC 6761: always loopback). */
export const loopbackNames: readonly string[] = ["localhost", ".localhost"];

const ipv4 = /^[0-9]{1,3}(?:\.[0-9]{1,3}){3}$/;
const ipv6 = /^\[[0-9a-f:.]+\]$/;

/** The name in a Host header: no port, no brackets' port, lower case, no trailing dot. */
export function hostName(host: string): string {
  let name = host.trim().toLowerCase();
  if (name.startsWith("[")) {
    const end = name.indexOf("]");
    return end === -1 ? name : name.slice(0, end + 1);
  }
  // A bare IPv6 address (the --host value ::1), not a Host header: bracket it as a Host would.
  if (name.indexOf(":") !== name.lastIndexOf(":")) return `[${name}]`;
  const colon = name.lastIndexOf(":");
  if (colon !== -1) name = name.slice(0, colon);
  return name.endsWith(".") ? name.slice(0, -1) : name;
}

/**
 * The names a server answers to: loopback names and `extra` (`--allowed-host`; the server adds
 * the address it listens on). An entry starting with `.` also allows every subdomain of it.
 */
export function allowedHostList(extra: readonly string[] = []): string[] {
  return [...loopbackNames, ...extra.map(hostName)];
}

/**
 * Whether a request with this Host header may be answered. An IP literal always may: a rebinding
 * page can only send its own name, never an address. No Host at all (HTTP/1.0) comes from no
 * browser, so it may too.
 */
export function isHostAllowed(host: string | undefined, allowed: readonly string[]): boolean {
  if (host === undefined) return true;
  const name = hostName(host);
  if (ipv4.test(name) || ipv6.test(name)) return true;
  for (const entry of allowed) {
    if (entry === name) return true;
    if (entry.startsWith(".") && (name === entry.slice(1) || name.endsWith(entry))) return true;
  }
  return false;
}

/** The 403 for a Host that is not allowed, naming the flag that would allow it. */
export function hostNotAllowed(host: string): ProblemError {
  const name = hostName(host);
  // Shown only if it is plainly a name: never a credential, nor one in lower case.
  const shown = redactSecrets(host) === host && /^[a-z0-9.-]{1,253}$/.test(name) ? name : "";
  return new ProblemError(
    403,
    "host_not_allowed",
    shown
      ? `This sandbox does not answer to the host ${shown} (a guard against DNS rebinding); to reach it by that name, start it with --allowed-host ${shown}.`
      : "This sandbox does not answer to the host in this request's Host header (a guard against DNS rebinding); use localhost or an allowed name.",
  );
}
