import { MONTH_WORD, SALUTATION, SPEECH_BOILERPLATE } from '../../../shared/press/documentGenre';
import { ABBREVIATIONS } from '../../../shared/press/germanLexicon';

function wordBefore(p: string, i: number): string {
  let j = i;
  while (j > 0 && i - j < 40 && !/\s/u.test(p[j - 1]!)) j--;
  return p.slice(j, i);
}

/**
 * The end of the first sentence of `p`, or -1. A dot is no sentence end after a number that is
 * an ordinal („am 17. Juni“, „der 3. Sitzung“: German writes ordinals with a dot) or after an
 * abbreviation („Dr.“, „z. B.“); a dot after a year before a capital still is („… 2024. Die …“).
 */
function sentenceEnd(p: string): number {
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c !== '.' && c !== '!' && c !== '?') continue;
    const after = p.slice(i + 1, i + 2);
    if (after !== '' && !/\s/u.test(after)) continue; // 1.000, z.B., www.
    if (c !== '.') return i;
    // The word before and after the dot, each found within a few characters: linear in `p` (issue 17 §2).
    const before = wordBefore(p, i);
    // „17.“, „25.000.“ (the 25,000th), „2./3.“ (second and third reading); a year („2024.“) may end a sentence.
    if (/^(\d{1,3}|\d{1,3}(\.\d{3})+|\d{1,3}\.\/\d{1,3})$/u.test(before)) {
      // An ordinal: followed by a month, a lower-case word or a noun phrase; a sentence rarely ends on a bare small number.
      const next = /^\s+(\S+)/u.exec(p.slice(i + 1, i + 40))?.[1] ?? '';
      if (next && (MONTH_WORD.test(next) || /^[\p{Ll}\d(„"]/u.test(next) || /^\p{Lu}/u.test(next))) continue;
    }
    if (ABBREVIATIONS.has(before.toLowerCase().replace(/^[(„"]/u, ''))) continue;
    if (/^\p{Lu}$/u.test(before)) continue; // an initial: „Helmut K. Schmidt“
    return i;
  }
  return -1;
}

/**
 * A title from the text when none is given: the first sentence that is neither a salutation
 * nor a speech manuscript's boilerplate („Sperrfrist …“, „Es gilt das gesprochene Wort“, „Rede“),
 * shortened at a word.
 */
export function deriveTitle(text: string, maxLength = 100): string | null {
  for (const para of text.split(/\n+/u)) {
    let p = para.trim();
    // A paragraph may open with its salutation: „Frau Präsidentin! Meine Damen und Herren! Wir …“
    for (let guard = 0; guard < 6 && p; guard++) {
      if (SPEECH_BOILERPLATE.test(p)) {
        // „Sperrfrist: Redebeginn, ca. 20.40 Uhr! Meine Damen …“: the notice goes, the text stays.
        const end = p.search(/[!?]\s|\.\s+\p{Lu}|\n/u);
        p = end < 0 || end > 200 ? '' : p.slice(end + 1).trim();
        continue;
      }
      if (!SALUTATION.test(p) && !/^(liebe|meine|sehr)\b/iu.test(p)) break;
      const end = sentenceEnd(p);
      const comma = p.search(/[,!]\s/u);
      const cut = comma >= 0 && (end < 0 || comma < end) && comma < 120 ? comma : end;
      if (cut < 0) {
        p = '';
        break;
      }
      p = p.slice(cut + 1).trim();
    }
    if (p.length < 15) continue;
    const end = sentenceEnd(p);
    const sentence = end >= 0 ? p.slice(0, end + 1) : p;
    if (sentence.length < 8) continue;
    const clean = sentence.replace(/[.]$/u, '').replace(/^\p{Ll}/u, (c) => c.toUpperCase());
    if (clean.length <= maxLength) return clean;
    const short = clean.slice(0, maxLength);
    return `${short.slice(0, Math.max(short.lastIndexOf(' '), maxLength * 0.6))}…`;
  }
  return null;
}
