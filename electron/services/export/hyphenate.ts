// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the package ships no types; its declaration must reach every tsconfig project that imports this file.
/// <reference path="./hyphen.d.ts" />
import hyphenDe from 'hyphen/de/index.js';

// CommonJS module: its named exports are reached through the default import in Node's ESM.
const { hyphenateSync } = hyphenDe;

/**
 * German hyphenation for print (Liang's algorithm with the TeX patterns of the 1996 orthography,
 * package `hyphen`): inserts soft hyphens into words so Chromium can break justified lines. Chromium
 * has no hyphenation dictionaries offline, so `hyphens: auto` would do nothing.
 */
const SHY = '\u00AD';
/** Only plain words: no digits, URLs, e-mail addresses, abbreviations in capitals or words that already carry hyphens. */
const WORD = /[A-Za-zÄÖÜäöüßÀ-ÿ]{7,}/g;
const cache = new Map<string, string>();

function hyphenateWord(word: string): string {
  let out = cache.get(word);
  if (out === undefined) {
    out = word === word.toUpperCase() ? word : hyphenateSync(word, { hyphenChar: SHY, minWordLength: 7 });
    // Typesetters' rule: no break that leaves fewer than three letters at the end of a word ("Stadtteilbü-ro" is fine, "Kinder-n" is not).
    const parts = out.split(SHY);
    if (parts.length > 1 && parts[parts.length - 1]!.length < 3) out = [...parts.slice(0, -2), parts.slice(-2).join('')].join(SHY);
    if (cache.size > 50_000) cache.clear();
    cache.set(word, out);
  }
  return out;
}

export function hyphenateGerman(text: string): string {
  return text.replace(WORD, (word, offset: number) => {
    const before = text[offset - 1];
    const after = text[offset + word.length];
    // Parts of URLs, addresses and file names stay whole.
    if (before === '/' || before === '@' || before === '.' || after === '@' || after === '/' || (after === '.' && /[a-z]/.test(text[offset + word.length + 1] ?? ''))) {
      return word;
    }
    return hyphenateWord(word);
  });
}
