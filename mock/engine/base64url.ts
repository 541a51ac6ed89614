const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });
const HEX_CODES = Array.from("0123456789abcdef", (char) => char.charCodeAt(0));

export function utf8(text: string): Uint8Array {
  // Keys and tokens are short ASCII; copying them by hand beats a call into the encoder.
  if (text.length > 256) return encoder.encode(text);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 127) return encoder.encode(text);
    out[i] = code;
  }
  return out;
}

/** Throws on bytes that are not UTF-8, so a forged payload cannot decode "loosely". */
export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export function toHex(bytes: Uint8Array): string {
  // One flat string from char codes in one call (a digest per request, so it is on the hot
  // path); `+=` would leave a rope of 32 pieces per stored digest.
  const codes = new Array<number>(bytes.length * 2);
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    codes[2 * i] = HEX_CODES[byte >> 4] as number;
    codes[2 * i + 1] = HEX_CODES[byte & 15] as number;
  }
  return String.fromCharCode.apply(null, codes);
}

/** Unpadded base64url (RFC 4648 §5), the alphabet of JWTs and of our signed tokens. */
export function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Throws on characters outside the base64url alphabet. */
export function fromBase64url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error("not base64url");
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
