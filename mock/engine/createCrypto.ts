import { toHex, utf8 } from "./base64url.js";
import type { Random } from "./createRandom.js";
import type { EngineCrypto, HmacSha256 } from "./EngineContext.js";
import { constantTimeEqual, createKeyFormat } from "./keyFormat.js";
import { createPasswordHash } from "./passwordHash.js";
import { createSignedTokens, type VerifiedSignedToken } from "./signedToken.js";

/** The engine's crypto, plus what only the request path needs. */
export interface SandboxCrypto extends EngineCrypto {
  /** Checks a download or stream token's shape, mode, MAC and expiry; no store involved. */
  verifySignedToken(token: string, now: number): VerifiedSignedToken;
}

export interface CryptoOptions {
  /** The synchronous HMAC-SHA-256 everything is built on. */
  hmac: HmacSha256;
  /** Source of ids, key bodies, salts and nonces. */
  random: Random;
  /** 32 bytes; the pepper and both MAC keys derive from it, so only it needs persisting. */
  rootSecret: Uint8Array;
}

/**
 * Keys, digests, signed tokens, ids and passwords from one root secret. Every per-request
 * operation is one or two synchronous HMACs; Web Crypto (async, ~60 µs a call) is never used.
 */
export function createCrypto({ hmac, random, rootSecret }: CryptoOptions): SandboxCrypto {
  const derive = (label: string) => hmac(rootSecret, utf8(label));
  const pepper = derive("pepper");
  const keys = createKeyFormat(hmac, derive("tag"), random);
  const signed = createSignedTokens(hmac, derive("sign"), random);
  const passwords = createPasswordHash(random);
  const digest = (secret: string) => toHex(hmac(pepper, utf8(secret)));

  return {
    digest,
    equal: constantTimeEqual,
    mintKey(kind) {
      const { secret, start } = keys.mint(kind);
      return { secret, start, digest: digest(secret) };
    },
    parseKey: keys.parse,
    mintSignedToken: signed.mint,
    verifySignedToken: signed.verify,
    id: (prefix) => `${prefix}_${random.base62(16)}`,
    hashPassword: passwords.hashPassword,
    verifyPassword: passwords.verifyPassword,
  };
}
