// For the `latchkey sandbox` process: a Headers that is two arrays until something needs more.
import { delegateTo, realOf } from "./delegateTo.js";

const RealHeaders = globalThis.Headers;

/** node's `rawHeaders` (flat) or a list of pairs. */
export type RawHeaders = readonly string[] | readonly (readonly [string, string])[];

const loose = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Names already seen to be valid tokens: the engine uses the same few on every response. */
const validNames = new Set<string>();

/** What the Headers constructor strips from both ends of a value (HTTP whitespace). */
function normalize(value: string): string {
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  return value.length > 0 && (loose(first) || loose(last))
    ? value.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "")
    : value;
}

/**
 * undici's Headers validates and converts every name and value through WebIDL when it is built;
 * measured here, building one per request and one per response cost more than the engine's
 * key check. The engine only reads a few request headers and stamps one on the response, so
 * this stand-in keeps lower-cased names and values in arrays and answers get/has/set/delete/
 * forEach itself, with the same results (duplicates joined with ", ", iteration sorted by
 * name). Anything else builds the real Headers once, which from then on answers everything.
 */
export class LightHeaders {
  #names: string[] = [];
  #values: string[] = [];
  #real: Headers | undefined;

  /** From node's flat rawHeaders list (name, value, name, value…) or from name/value pairs. */
  static fromRaw(raw: RawHeaders): LightHeaders {
    const headers = new LightHeaders();
    if (raw.length > 0 && Array.isArray(raw[0])) {
      for (const [name, value] of raw as readonly (readonly [string, string])[]) {
        headers.append(name, value);
      }
      return headers;
    }
    for (let i = 0; i < raw.length; i += 2) {
      headers.#names.push((raw[i] as string).toLowerCase());
      headers.#values.push(normalize(raw[i + 1] as string));
    }
    return headers;
  }

  /** From a Response's init: a plain record is copied here, anything else goes to the real one. */
  static fromInit(init: HeadersInit | undefined): Headers {
    const headers = new LightHeaders();
    if (init === undefined || init === null) return headers as unknown as Headers;
    if (typeof init !== "object" || Array.isArray(init) || init instanceof RealHeaders) {
      return new RealHeaders(init);
    }
    for (const [name, value] of Object.entries(init)) headers.append(name, String(value));
    return headers as unknown as Headers;
  }

  get(name: string): string | null {
    if (this.#real) return this.#real.get(name);
    const key = name.toLowerCase();
    let found: string | null = null;
    for (let i = 0; i < this.#names.length; i++) {
      if (this.#names[i] === key) {
        found = found === null ? (this.#values[i] as string) : `${found}, ${this.#values[i]}`;
      }
    }
    return found;
  }

  has(name: string): boolean {
    if (this.#real) return this.#real.has(name);
    return this.#names.includes(name.toLowerCase());
  }

  append(name: string, value: string): void {
    if (!validNames.has(name) && TOKEN.test(name) && validNames.size < 256) validNames.add(name);
    if (this.#real || !validNames.has(name) || /[\0\r\n]/.test(value)) {
      // An invalid name or value: the real Headers throws exactly as it would have.
      this[realOf]().append(name, value);
      return;
    }
    this.#names.push(name.toLowerCase());
    this.#values.push(normalize(value));
  }

  set(name: string, value: string): void {
    if (this.#real) {
      this.#real.set(name, value);
      return;
    }
    this.delete(name);
    this.append(name, value);
  }

  delete(name: string): void {
    if (this.#real) {
      this.#real.delete(name);
      return;
    }
    const key = name.toLowerCase();
    for (let i = this.#names.length - 1; i >= 0; i--) {
      if (this.#names[i] === key) {
        this.#names.splice(i, 1);
        this.#values.splice(i, 1);
      }
    }
  }

  forEach(callback: (value: string, name: string, parent: Headers) => void, thisArg?: unknown) {
    if (this.#real || this.#names.includes("set-cookie")) {
      // Set-Cookie iterates one entry per value: leave that rule to the real Headers.
      this[realOf]().forEach(callback, thisArg);
      return;
    }
    const all = this.#names;
    let ordered = true;
    for (let i = 1; i < all.length && ordered; i++)
      ordered = (all[i - 1] as string) < (all[i] as string);
    if (ordered) {
      // Already sorted and without repeats (the usual response): no copy, no lookups.
      for (let i = 0; i < all.length; i++) {
        callback.call(
          thisArg,
          this.#values[i] as string,
          all[i] as string,
          this as unknown as Headers,
        );
      }
      return;
    }
    for (const name of [...new Set(all)].sort()) {
      callback.call(thisArg, this.get(name) as string, name, this as unknown as Headers);
    }
  }

  [realOf](): Headers {
    if (!this.#real) {
      const real = new RealHeaders();
      for (let i = 0; i < this.#names.length; i++) {
        real.append(this.#names[i] as string, this.#values[i] as string);
      }
      this.#real = real;
    }
    return this.#real;
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof RealHeaders;
  }
}
delegateTo(LightHeaders, RealHeaders);
