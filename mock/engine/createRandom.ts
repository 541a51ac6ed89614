import { hmac } from "@noble/hashes/hmac";
import { sha256 } from "@noble/hashes/sha2";

export const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export interface Random {
  /** `length` random bytes. */
  bytes(length: number): Uint8Array;
  /** `prefix` followed by `length` characters drawn uniformly from [0-9A-Za-z]. */
  base62(length: number, prefix?: string): string;
}

const POOL_SIZE = 4096;
const BASE62_CODES = Array.from(BASE62, (char) => char.charCodeAt(0));

/**
 * Randomness for ids, key bodies, salts and secrets. Without a seed it is the platform CSPRNG
 * (`crypto.getRandomValues`, everywhere fetch runs); with one it is an HMAC-SHA-256 counter
 * stream, so a seeded sandbox hands out the same ids and keys on every run. Bytes are drawn
 * from a pool because a request id per request would otherwise be a syscall per request.
 */
export function createRandom(seed?: number | string): Random {
  const fill = seed === undefined ? platformFill : seededFill(String(seed));
  const pool = new Uint8Array(POOL_SIZE);
  let position = POOL_SIZE;

  function nextByte(): number {
    if (position === POOL_SIZE) {
      fill(pool);
      position = 0;
    }
    // biome-ignore lint/style/noNonNullAssertion: position is always inside the pool here.
    return pool[position++]!;
  }

  return {
    bytes(length) {
      const out = new Uint8Array(length);
      for (let i = 0; i < length; i++) out[i] = nextByte();
      return out;
    },
    base62(length, prefix = "") {
      // Built from char codes in one call: `+=` would leave a rope of cons strings (ids and key
      // bodies are stored; a rope costs several times a flat string for as long as it lives).
      const codes = new Array<number>(prefix.length + length);
      for (let i = 0; i < prefix.length; i++) codes[i] = prefix.charCodeAt(i);
      for (let n = prefix.length; n < codes.length; ) {
        const byte = nextByte();
        // 248 = 4 × 62: rejecting the top 8 values keeps every character equally likely.
        if (byte < 248) codes[n++] = BASE62_CODES[byte % 62] as number;
      }
      return String.fromCharCode.apply(null, codes);
    },
  };
}

// `Uint8Array<ArrayBuffer>`, not the default `<ArrayBufferLike>`: getRandomValues refuses a view of
// a SharedArrayBuffer, and TypeScript 7's DOM types say so (the pool is always a plain buffer).
function platformFill(target: Uint8Array<ArrayBuffer>): void {
  globalThis.crypto.getRandomValues(target);
}

function seededFill(seed: string): (target: Uint8Array) => void {
  const key = sha256(new TextEncoder().encode(`latchkey-seed:${seed}`));
  let counter = 0;
  return (target) => {
    const block = new Uint8Array(8);
    for (let offset = 0; offset < target.length; offset += 32) {
      new DataView(block.buffer).setFloat64(0, counter++);
      target.set(hmac(sha256, key, block).subarray(0, target.length - offset), offset);
    }
  };
}
