import type { SearchHint } from './searchHints';
/**
 * Parses what a person types into the search box. Pure and total: every string gives a result,
 * never an exception (issue: malformed queries give results or a clear hint). The syntax is
 * deliberately small — words, "quoted phrases", -excluded words — and everything else that a
 * query language might treat as an operator (+ : ~ ^ * unbalanced quotes) is read as plain text.
 */

export const MAX_QUERY_CHARS = 500;
export const MAX_QUERY_WORDS = 32;

export interface ParsedQuery {
  /** Free text with phrases and exclusions removed; the analyzer tokenizes it. */
  text: string;
  /** Quoted phrases, as typed (without the quotes). */
  phrases: string[];
  /** Words after a leading minus. */
  excluded: string[];
  /** True if the input ends inside a word (no trailing space): prefix search applies to it. */
  endsInWord: boolean;
  /** What was changed or ignored, as codes (the renderer words them). */
  hints: SearchHint[];
}

const QUOTES = /["„“”«»]/;

export function parseQuery(input: unknown): ParsedQuery {
  const hints: SearchHint[] = [];
  let q = typeof input === 'string' ? input : '';
  q = q.normalize('NFC').replace(/\p{Cc}/gu, ' ');
  if (q.length > MAX_QUERY_CHARS) {
    q = q.slice(0, MAX_QUERY_CHARS);
    hints.push({ code: 'query-too-long', max: MAX_QUERY_CHARS });
  }
  const phrases: string[] = [];
  const excluded: string[] = [];
  const free: string[] = [];
  let i = 0;
  let unbalanced = false;
  let lastFree = false;
  while (i < q.length) {
    const ch = q[i]!;
    if (QUOTES.test(ch)) {
      let j = i + 1;
      while (j < q.length && !QUOTES.test(q[j]!)) j++;
      const phrase = q.slice(i + 1, j).trim();
      if (j >= q.length) unbalanced = true;
      lastFree = false;
      if (phrase) {
        // A one-word "phrase" is just a word.
        if (/\s/.test(phrase)) phrases.push(phrase);
        else free.push(phrase);
      }
      i = j + 1;
      continue;
    }
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    let j = i;
    while (j < q.length && !/\s/.test(q[j]!) && !QUOTES.test(q[j]!)) j++;
    const word = q.slice(i, j);
    i = j;
    lastFree = false;
    if (word.startsWith('-') && /[\p{L}\p{N}]/u.test(word.slice(1))) {
      const w = word.replace(/^-+/, '');
      // "-büros" after "und" is a coordination ellipsis, not an exclusion.
      const prev = free[free.length - 1]?.toLowerCase();
      if (prev === 'und' || prev === 'oder' || prev === 'sowie') free.push(word);
      else excluded.push(w);
      continue;
    }
    // Query-language characters of lunr and others are not operators here.
    const cleaned = word.replace(/^[+~^:*]+|[~^:*]+$/g, '').replace(/[~^*]/g, '');
    if (/[\p{L}\p{N}§]/u.test(cleaned)) {
      free.push(cleaned);
      lastFree = true;
    }
  }
  if (unbalanced) hints.push({ code: 'quote-unclosed' });
  let words = free;
  if (words.length + phrases.length + excluded.length > MAX_QUERY_WORDS) {
    words = words.slice(0, Math.max(0, MAX_QUERY_WORDS - phrases.length - excluded.length));
    hints.push({ code: 'too-many-words', max: MAX_QUERY_WORDS });
  }
  const endsInWord = lastFree && !/\s$/.test(q) && words.length === free.length;
  return { text: words.join(' '), phrases, excluded, endsInWord, hints };
}
