// `--store` needs the Redis client, which is an optional peer dependency of latchkey: only the
// replicas that share a store need it, so it is neither bundled nor installed for everyone. It is
// loaded here, on first use, and its absence is told as the command that fixes it.
import type { openSharedStore } from "./openSharedStore.js";

export const redisClientInstall = "npm install @redis/client";

export class StoreClientMissingError extends Error {
  override name = "StoreClientMissingError";
}

/** Whether `error` says that the Redis client package itself could not be found. */
function isRedisClientMissing(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const notFound = code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND";
  return notFound && typeof message === "string" && message.includes("@redis/client");
}

/**
 * `openSharedStore`, imported on first use. `load` is the import itself, replaceable in tests.
 * Throws StoreClientMissingError, naming the install command, when @redis/client is absent.
 */
export async function loadSharedStore(
  load: () => Promise<{ openSharedStore: typeof openSharedStore }> = () =>
    import("./openSharedStore.js"),
): Promise<typeof openSharedStore> {
  try {
    return (await load()).openSharedStore;
  } catch (error) {
    if (!isRedisClientMissing(error)) throw error;
    throw new StoreClientMissingError(
      `--store needs the Redis client, an optional peer dependency of latchkey: ${redisClientInstall}`,
    );
  }
}
