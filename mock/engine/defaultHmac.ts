import { type HMAC, hmac } from "@noble/hashes/hmac";
import { sha256 } from "@noble/hashes/sha2";
import type { HmacSha256 } from "./EngineContext.js";

interface Prepared {
  keyed: HMAC<never>;
  scratch: HMAC<never>;
}

/**
 * HMAC-SHA-256 in pure JS (@noble/hashes), synchronous, for every runtime. The engine's MAC
 * keys live as long as the engine, so each key's inner and outer states are prepared once and
 * copied into a reused scratch instance per call: no hashing of the key, no allocation but the
 * output. (Safe because a call runs to completion before another can start.)
 */
export function createDefaultHmac(): HmacSha256 {
  const prepared = new WeakMap<Uint8Array, Prepared>();
  return (key, message) => {
    let entry = prepared.get(key);
    if (entry === undefined) {
      const keyed = hmac.create(sha256, key) as HMAC<never>;
      entry = { keyed, scratch: keyed.clone() };
      prepared.set(key, entry);
    }
    const { keyed, scratch } = entry;
    keyed._cloneInto(scratch);
    const out = new Uint8Array(32);
    scratch.update(message).digestInto(out);
    return out;
  };
}
