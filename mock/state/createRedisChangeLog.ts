// `--store redis://…`: the change log as a Redis Stream shared by every replica. Each replica
// keeps the whole state in memory; it appends its own changes (one entry per request, awaited
// before the answer) and, before answering a request, applies every entry others appended.
//
// Batching: a request waits for a read of the stream sent after it arrived (one sent before might
// miss a change acknowledged in between). Requests that arrive while a read is under way share
// the next one, so a busy replica makes at most one round trip at a time for all of them.
import type { RedisClientType } from "@redis/client";
import type { ChangeBatch, ChangeLog } from "../engine/changes/Change.js";

/** Entries read per round trip while catching up (a replica starting on a long stream). */
const PAGE = 1000;

export function createRedisChangeLog(
  client: RedisClientType,
  stream: string,
  replicaId: string,
): ChangeLog {
  /** The id of the last entry applied; `0-0` reads the stream from its start. */
  let lastId = "0-0";
  let reading: Promise<void> | null = null;
  let queued: Promise<void> | null = null;

  const readAll = async (apply: (batch: ChangeBatch) => void) => {
    for (;;) {
      const entries = await client.xRange(stream, `(${lastId}`, "+", { COUNT: PAGE });
      for (const entry of entries) {
        lastId = entry.id;
        // Own entries were applied when they were made; applying them again, after changes made
        // since, would move this replica back in time until the read finished.
        const message = entry.message as Record<string, string>;
        if (message.o !== replicaId) apply(JSON.parse(message.d ?? "[]") as ChangeBatch);
      }
      if (entries.length < PAGE) return;
    }
  };

  const catchUp = (apply: (batch: ChangeBatch) => void): Promise<void> => {
    if (reading === null) {
      reading = readAll(apply).finally(() => {
        reading = null;
      });
      return reading;
    }
    queued ??= reading
      .catch(() => {})
      .then(() => {
        queued = null;
        return catchUp(apply);
      });
    return queued;
  };

  return {
    async append(batch) {
      if (batch.length === 0) return;
      await client.xAdd(stream, "*", { o: replicaId, d: JSON.stringify(batch) });
    },
    catchUp,
  };
}
