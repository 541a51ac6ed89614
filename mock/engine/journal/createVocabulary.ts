// The words the journal stores as codes: check names, outcomes and the constant details of
// passing and skipped steps. They come from the sandbox's code, never from a request, so the
// vocabulary stays small; a cap keeps it bounded even if a detail made per request slipped in.

export interface Vocabulary {
  /**
   * The code of the word at `position` of a trail, adding the word if there is room (or, with
   * `always`, in any case: for words of a closed set); undefined when there is none.
   */
  codeAt(position: number, word: string, always?: boolean): number | undefined;
  word(code: number): string;
}

export function createVocabulary(limit: number): Vocabulary {
  const words: string[] = [];
  const codes = new Map<string, number>();
  // The last word seen at each position and its code: requests in a row mostly run the same
  // checks to the same constant details, and comparing references is cheaper than a lookup.
  const seen: (string | undefined)[] = [];
  const seenCodes: number[] = [];
  return {
    codeAt(position, word, always = false) {
      if (seen[position] === word) return seenCodes[position];
      let found = codes.get(word);
      if (found === undefined && (always || words.length < limit)) {
        found = words.push(word) - 1;
        codes.set(word, found);
      }
      if (found !== undefined) {
        seen[position] = word;
        seenCodes[position] = found;
      }
      return found;
    },
    word: (code) => words[code] as string,
  };
}
