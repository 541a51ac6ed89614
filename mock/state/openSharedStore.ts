// Connects a replica to the shared store behind `--store redis://HOST:PORT`: the change log
// (createRedisChangeLog) and the server secrets every replica must share, so that each accepts
// the keys and session tokens the others mint.
import { randomUUID } from "node:crypto";
import { createClient, type RedisClientType } from "@redis/client";
import type { ChangeLog } from "../engine/changes/Change.js";
import { createEngine } from "../engine/createEngine.js";
import { emptySnapshot } from "../engine/emptySnapshot.js";
import type { Snapshot } from "../engine/types.js";
import { createRedisChangeLog } from "./createRedisChangeLog.js";
import { redactStoreUrl } from "./redactStoreUrl.js";

export class StoreConnectError extends Error {
  override name = "StoreConnectError";
}

export interface SharedStore {
  /** Where this replica starts: no records yet (the first sync reads them), the shared secrets. */
  state: Snapshot;
  changeLog: ChangeLog;
  close(): Promise<void>;
}

/** Fresh secrets, exactly as an engine makes them (MAC root and ES256 signing key). */
async function mintServerSecrets(): Promise<Record<string, string>> {
  const engine = createEngine();
  await engine.ready;
  return engine.snapshot().serverSecrets;
}

export async function openSharedStore(url: string, prefix = "latchkey"): Promise<SharedStore> {
  let connected = false;
  const client = createClient({
    url,
    // Fail fast while the connection is down (503 at once), rather than queue behind it.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 2_000,
      // At start, an unreachable store is an error to report; once running, keep reconnecting.
      reconnectStrategy: (retries, cause) =>
        connected ? Math.min(50 * 2 ** retries, 1_000) : cause,
    },
  }) as RedisClientType;
  // Without a listener a lost connection would crash the process; the requests report it (503).
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (error) {
    throw new StoreConnectError(
      `Cannot reach the store at ${redactStoreUrl(url)}: ${(error as Error).message || String(error)}`,
    );
  }
  connected = true;
  const secretsKey = `${prefix}:secrets`;
  // The first replica's secrets win; every later one reads them.
  await client.set(secretsKey, JSON.stringify(await mintServerSecrets()), { condition: "NX" });
  const serverSecrets = JSON.parse((await client.get(secretsKey)) ?? "{}") as Record<
    string,
    string
  >;
  return {
    state: emptySnapshot(serverSecrets),
    changeLog: createRedisChangeLog(client, `${prefix}:changes`, randomUUID()),
    close: async () => {
      connected = false;
      await client.close();
    },
  };
}
