// The journal's texts (a request's id, method, path, agent, a refusal's detail) as bytes: one
// slot of bytes per record, so a kept request holds no string on the heap. ASCII only, which is
// what ids, methods and percent-encoded paths are; a text that is not, or a record whose texts
// do not fit its slot, is kept whole as a string instead, so nothing is ever cut short.

const decoder = new TextDecoder();

export interface TextSlots {
  /** Writes a record's texts (nulls skipped) into slot `index`, one after another. */
  write(index: number, texts: readonly (string | null)[]): void;
  /** The first `length` characters of slot `index`'s texts, joined. */
  read(index: number, length: number): string;
  /** Makes room for `slots` records, keeping what is written. */
  resize(slots: number): void;
}

export function createTextSlots(initialSlots: number, slotBytes: number): TextSlots {
  let bytes = new Uint8Array(initialSlots * slotBytes);
  const overflow = new Map<number, string>();
  return {
    write(index, texts) {
      let pos = index * slotBytes;
      const end = pos + slotBytes;
      let fits = true;
      for (let t = 0; t < texts.length && fits; t++) {
        const text = texts[t] ?? null;
        if (text === null) continue;
        for (let i = 0; i < text.length; i++) {
          const c = text.charCodeAt(i);
          if (c > 0x7f || pos >= end) {
            fits = false;
            break;
          }
          bytes[pos++] = c;
        }
      }
      if (!fits) overflow.set(index, texts.join(""));
      else if (overflow.size > 0) overflow.delete(index);
    },
    read(index, length) {
      const whole = overflow.get(index);
      if (whole !== undefined) return whole.slice(0, length);
      return decoder.decode(bytes.subarray(index * slotBytes, index * slotBytes + length));
    },
    resize(slots) {
      const larger = new Uint8Array(slots * slotBytes);
      larger.set(bytes.subarray(0, Math.min(bytes.length, larger.length)));
      bytes = larger;
    },
  };
}
