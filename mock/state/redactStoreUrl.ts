// A `--store` URL may carry a password (redis://:secret@host): messages and the banner show it
// without. Its own file so the CLI can print it without loading the Redis client.

/** The URL without its password, for messages. */
export function redactStoreUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "the --store URL";
  }
}
