import { pbkdf2 } from "@noble/hashes/pbkdf2";
import { sha256 } from "@noble/hashes/sha2";
import { base64url, fromBase64url } from "./base64url.js";
import type { Random } from "./createRandom.js";
import { constantTimeEqual } from "./keyFormat.js";

// PBKDF2-SHA-256 in pure JS costs ~4 µs an iteration here, and the sandbox hashes a password
// for every workspace it creates (test suites create hundreds). 1,000 iterations (~4 ms) keep
// the hash salted and slow enough to model the real service without making fixtures slow;
// the count is stored in each hash, so raising it later keeps old hashes valid.
const ITERATIONS = 1_000;
const DUMMY_SALT = new Uint8Array(16);

/** Salted, slow password hashes: `pbkdf2-sha256$<iterations>$<salt>$<hash>`. */
export function createPasswordHash(random: Random) {
  function derive(password: string, salt: Uint8Array, iterations: number): string {
    return base64url(pbkdf2(sha256, password, salt, { c: iterations, dkLen: 32 }));
  }

  return {
    hashPassword(password: string): string {
      const salt = random.bytes(16);
      return `pbkdf2-sha256$${ITERATIONS}$${base64url(salt)}$${derive(password, salt, ITERATIONS)}`;
    },

    /**
     * Constant-time check. An unusable hash (say `""` for an unknown email) still costs one
     * derivation, so a wrong email and a wrong password take the same time.
     */
    verifyPassword(password: string, hash: string): boolean {
      const [scheme, count, salt, expected] = hash.split("$");
      const iterations = Number(count);
      if (
        scheme !== "pbkdf2-sha256" ||
        !Number.isInteger(iterations) ||
        iterations < 1 ||
        iterations > 1_000_000 ||
        salt === undefined ||
        expected === undefined
      ) {
        derive(password, DUMMY_SALT, ITERATIONS);
        return false;
      }
      try {
        return constantTimeEqual(derive(password, fromBase64url(salt), iterations), expected);
      } catch {
        return false;
      }
    },
  };
}
