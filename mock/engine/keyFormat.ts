import { tokenPrefixes } from "../../src/generated/security.js";
import { utf8 } from "./base64url.js";
import { BASE62, type Random } from "./createRandom.js";
import type { HmacSha256 } from "./EngineContext.js";
import type { KeyKind } from "./types.js";

export type OpaqueKind = KeyKind | "refresh_token";

const opaqueKinds: readonly OpaqueKind[] = [
  "user_key",
  "workspace_key",
  "team_key",
  "agent_key",
  "refresh_token",
];
/** The `<kind>` part of `lk_<kind>_<mode>_<body>`, read off the spec's token prefixes. */
export const kindCodes = Object.fromEntries(
  opaqueKinds.map((kind) => [kind, tokenPrefixes[kind].slice(3, -1)]),
) as Record<OpaqueKind, string>;
const kindsByCode = new Map(opaqueKinds.map((kind) => [kindCodes[kind], kind]));

const RANDOM_CHARS = 24; // 24 × log2(62) ≈ 142 bits
const TAG_CHARS = 8;
const BODY_CHARS = RANDOM_CHARS + TAG_CHARS;
const isBase62 = new Uint8Array(128);
for (const char of BASE62) isBase62[char.charCodeAt(0)] = 1;

export type ParsedKey =
  | { ok: true; kind: OpaqueKind; mode: "test" }
  | { ok: false; code: "token_malformed" | "live_key_in_sandbox" };

/**
 * Opaque keys `lk_<kind>_<mode>_<body>`: 24 random base62 characters and an 8-character tag,
 * an HMAC of everything before it. The tag lets a forged or mistyped key be refused by
 * arithmetic alone, before the store is consulted (no lookup, so no timing or load to probe).
 */
export function createKeyFormat(hmac: HmacSha256, tagKey: Uint8Array, random: Random) {
  function tag(signed: string): string {
    const mac = hmac(tagKey, utf8(signed));
    let out = "";
    // biome-ignore lint/style/noNonNullAssertion: a SHA-256 MAC has 32 bytes.
    for (let i = 0; i < TAG_CHARS; i++) out += BASE62[mac[i]! % 62];
    return out;
  }

  return {
    mint(kind: OpaqueKind): { secret: string; start: string } {
      const prefix = `${tokenPrefixes[kind]}test_`;
      const body = random.base62(RANDOM_CHARS);
      const signed = prefix + body;
      // Built from a 4-character copy: a slice of `signed` would be a V8 sliced string that keeps
      // the whole secret alive in the heap for as long as the key's metadata lives; joined from
      // an array so that it is one flat string, not a two-piece rope, for as long as it lives.
      const start = [prefix, body.slice(0, 4)].join("");
      return { secret: signed + tag(signed), start };
    },

    /**
     * Prefix, kind, length and alphabet, then mode, then tag (docs/decisions/request-pipeline.md).
     * `shapeOnly` stops before the tag, for a caller that already knows the tag is good.
     */
    parse(secret: string, shapeOnly = false): ParsedKey {
      const malformed = { ok: false, code: "token_malformed" } as const;
      if (!secret.startsWith("lk_")) return malformed;
      const kindEnd = secret.indexOf("_", 3);
      const kind = kindEnd < 0 ? undefined : kindsByCode.get(secret.slice(3, kindEnd));
      if (kind === undefined) return malformed;
      const mode = secret.slice(kindEnd + 1, kindEnd + 6);
      if (mode !== "test_" && mode !== "live_") return malformed;
      const bodyStart = kindEnd + 6;
      if (secret.length !== bodyStart + BODY_CHARS) return malformed;
      for (let i = bodyStart; i < secret.length; i++) {
        const code = secret.charCodeAt(i);
        if (code >= 128 || isBase62[code] === 0) return malformed;
      }
      if (mode === "live_") return { ok: false, code: "live_key_in_sandbox" };
      if (shapeOnly) return { ok: true, kind: kind as OpaqueKind, mode: "test" };
      const tagStart = bodyStart + RANDOM_CHARS;
      if (!constantTimeEqual(tag(secret.slice(0, tagStart)), secret.slice(tagStart))) {
        return malformed;
      }
      return { ok: true, kind: kind as OpaqueKind, mode: "test" };
    },
  };
}

/** Compares two strings in time that depends only on their lengths. */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
