// The words the journal stores as codes: check names, outcomes and the constant details of
// passing and skipped steps. They come from the sandbox's code, never from a request, so the
// vocabulary stays small; a cap keeps it bounded even if a detail made per request slipped in.

export interface Vocabulary {
  /**
   * The word's code, adding the word if there is room (or, with `always`, in any case: for words
   * of a closed set); undefined when there is none.
   */
  code(word: string, always?: boolean): number | undefined;
  word(code: number): string;
}

export function createVocabulary(limit: number): Vocabulary {
  const words: string[] = [];
  const codes = new Map<string, number>();
  return {
    code(word, always = false) {
      let found = codes.get(word);
      if (found === undefined && (always || words.length < limit)) {
        found = words.push(word) - 1;
        codes.set(word, found);
      }
      return found;
    },
    word: (code) => words[code] as string,
  };
}
