/**
 * True for hosts that never leave the machine: localhost and *.localhost (RFC 6761 §6.3, as browsers
 * treat them), 127.0.0.0/8 and [::1].
 */
export function isLoopback(hostname: string): boolean {
  return (
    hostname === "localhost" ||
    hostname.endsWith(".localhost") ||
    hostname === "[::1]" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}
