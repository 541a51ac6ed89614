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
  /** `parseKey` plus the key's digest, which the request path needs next anyway. */
  parseKeyWithDigest(
    secret: string,
  ):
    | { ok: true; kind: ParsedOk["kind"]; mode: "test"; digest: string }
    | { ok: false; code: "token_malformed" | "live_key_in_sandbox" };
}

type ParsedOk = Extract<ReturnType<EngineCrypto["parseKey"]>, { ok: true }>;

/** Bound on remembered digests; past it the set starts over (a miss only costs the tag HMAC). */
const MAX_TAGGED = 10_000;

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
  // Digests of keys whose tag has checked out. Every authenticated request needs the digest;
  // the tag is a pure function of the secret, so once a secret passed, its digest vouches for
  // it and the second HMAC can be skipped. A forged or mistyped key never gets in, so it is
  // still refused by its tag before any store lookup. Keyed by digest, never by a secret.
  const tagged = new Set<string>();

  function parseKeyWithDigest(secret: string): ReturnType<SandboxCrypto["parseKeyWithDigest"]> {
    const shape = keys.parse(secret, true);
    if (!shape.ok) return shape;
    const keyDigest = digest(secret);
    if (!tagged.has(keyDigest)) {
      const full = keys.parse(secret);
      if (!full.ok) return full;
      if (tagged.size >= MAX_TAGGED) tagged.clear();
      tagged.add(keyDigest);
    }
    return { ok: true, kind: shape.kind, mode: "test", digest: keyDigest };
  }

  return {
    digest,
    equal: constantTimeEqual,
    mintKey(kind) {
      const { secret, start } = keys.mint(kind);
      return { secret, start, digest: digest(secret) };
    },
    parseKey: (secret) => keys.parse(secret),
    parseKeyWithDigest,
    mintSignedToken: signed.mint,
    verifySignedToken: signed.verify,
    id: (prefix) => random.base62(16, `${prefix}_`),
    hashPassword: passwords.hashPassword,
    verifyPassword: passwords.verifyPassword,
  };
}
