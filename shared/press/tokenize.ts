import { ABBREVIATIONS } from './germanLexicon';

export interface Token {
  text: string;
  start: number;
  end: number;
  /** word, number or a single punctuation character (quote marks included). */
  kind: 'word' | 'num' | 'punct';
}

const TOKEN =
  /(?:\p{L}\.){2,}|\p{L}[\p{L}\p{M}'’]*(?:-\p{L}[\p{L}\p{M}'’]*)*(?:\.-\p{L}[\p{L}\p{M}'’]*)?\.?|\d+(?:[.,]\d+)*\.?|\S/gu;

export const OPEN_QUOTES = new Set(['„', '»', '«', '“', '"']);
export const ANY_QUOTE = new Set(['„', '“', '”', '»', '«', '"']);

/** Words and punctuation with offsets; a final dot stays on an abbreviation („Dr.“, „e.V.“). */
export function tokenize(text: string, offset = 0): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0];
    const start = offset + m.index;
    if (/^\p{L}/u.test(raw)) {
      if (raw.endsWith('.') && raw.length > 1) {
        const bare = raw.slice(0, -1);
        const keep =
          ABBREVIATIONS.has(bare.toLowerCase()) ||
          ABBREVIATIONS.has(raw.toLowerCase()) ||
          bare.includes('.') ||
          /^\p{Lu}$/u.test(bare); // an initial: "Hans A. Müller"
        if (!keep) {
          out.push({ text: bare, start, end: start + bare.length, kind: 'word' });
          out.push({ text: '.', start: start + bare.length, end: start + raw.length, kind: 'punct' });
          continue;
        }
      }
      out.push({ text: raw, start, end: start + raw.length, kind: 'word' });
    } else if (/^\d/u.test(raw)) {
      out.push({ text: raw, start, end: start + raw.length, kind: 'num' });
    } else {
      out.push({ text: raw, start, end: start + raw.length, kind: 'punct' });
    }
  }
  return out;
}

export const isCapitalised = (t: string | undefined): boolean => t !== undefined && /^\p{Lu}/u.test(t);
export const isLower = (t: string | undefined): boolean => t !== undefined && /^\p{Ll}/u.test(t);
