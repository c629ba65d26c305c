/**
 * Step 1 of quote extraction: where the quotes are. Finds the spans between quotation marks in
 * every style German press text uses – „…“, »…«, «…», “…”, straight "…" – with quotation marks
 * nested inside („Das Programm „Soziale Stadt“ hilft“, »… ›keine Kapazitäten‹ …«, "… "X" …"),
 * over line breaks of hard-wrapped text (the caller passes the text with line breaks as spaces),
 * across paragraphs (a quote left open at a paragraph's end and resumed in the next one) and up
 * to the end of a cut-off text. One pass over the text: linear time.
 */

export interface Paragraph {
  start: number;
  end: number;
}

export interface QuoteSpan {
  para: number;
  /** Offset of the opening mark (the paragraph start for a resumed span). */
  open: number;
  /** Offset after the closing mark (the paragraph end when the quote stays open). */
  close: number;
  textStart: number;
  textEnd: number;
  closed: boolean;
  /** Continues a quote left open at the end of the previous paragraph. */
  resumes: boolean;
  /** An interview answer without marks („Pohl: …“), see rules/interview.ts. */
  interview?: boolean;
}

/** Offsets of paragraphs (blocks separated by a blank line). */
export function paragraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const re = /\n[ \t]*\n/g;
  let start = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > start) out.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out.filter((p) => /\S/u.test(text.slice(p.start, p.end)));
}

/** The closing marks of each opening mark. */
export const CLOSERS: Readonly<Record<string, readonly string[]>> = {
  '„': ['“', '”', '"'],
  '»': ['«'],
  '«': ['»'],
  '“': ['”'],
  '"': ['"'],
  '‚': ['‘', "'"],
  '›': ['‹'],
};

/** Marks that open a quote span of their own; single marks (‚…‘, ›…‹) only nest inside one. */
const SPAN_OPENERS = new Set(['„', '»', '«', '“', '"']);

const BEFORE_OPENER = /[\s(\-–—:/„»«“"‚›]/u;

/**
 * A mark opens when it stands before a word and after a space, a bracket, a dash or a colon.
 * In a text that uses „ the mark “ always closes (German low-high style).
 */
function looksLikeOpener(s: string, i: number, germanLow: boolean): boolean {
  const c = s[i]!;
  if (CLOSERS[c] === undefined) return false;
  if (c === '“' && germanLow) return false;
  const prev = i > 0 ? s[i - 1]! : ' ';
  const next = s[i + 1] ?? '';
  return BEFORE_OPENER.test(prev) && next !== '' && !/\s/u.test(next);
}

/** A straight quote closes only when no letter follows („"Nein", sagte sie“, not „"Nein"s“). */
function closes(s: string, j: number, closer: string): boolean {
  if (closer === '"' || closer === "'") return !/\p{L}/u.test(s[j + 1] ?? '');
  return true;
}

/**
 * Spans of one paragraph `s` (starting at `offset` in the text). `openBefore` is the opening mark
 * of a quote the previous paragraph left open: a closing mark before any opening one resumes it.
 */
export function findSpans(s: string, offset: number, para: number, openBefore: string | null = null, germanLow = s.includes('„')): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let i = 0;
  let resumeFrom = openBefore;
  while (i < s.length) {
    const c = s[i]!;
    // A quote resumed from the previous paragraph: its closing mark comes before any opening one.
    if (resumeFrom !== null && CLOSERS[resumeFrom]!.includes(c) && !looksLikeOpener(s, i, germanLow) && closes(s, i, c)) {
      spans.push({ para, open: offset, close: offset + i + 1, textStart: offset, textEnd: offset + i, closed: true, resumes: true });
      resumeFrom = null;
      i++;
      continue;
    }
    if (!SPAN_OPENERS.has(c) || !looksLikeOpener(s, i, germanLow)) {
      i++;
      continue;
    }
    const resumes = resumeFrom !== null && spans.length === 0 && s.slice(0, i).trim() === '';
    resumeFrom = null;
    const closers = CLOSERS[c]!;
    // Marks opened inside the quote and not yet closed, innermost last.
    const inner: string[] = [];
    let j = i + 1;
    let closeAt = -1;
    for (; j < s.length; j++) {
      const d = s[j]!;
      const top = inner[inner.length - 1];
      if (top !== undefined && CLOSERS[top]!.includes(d) && closes(s, j, d) && !looksLikeOpener(s, j, germanLow)) {
        inner.pop();
        continue;
      }
      // A mark before a word inside the quote opens a quote in the quote (also a straight one:
      // "Mit dem Programm "Soziale Stadt" …" – the outer straight quote closes after a word).
      if (looksLikeOpener(s, j, germanLow)) {
        inner.push(d);
        continue;
      }
      if (closers.includes(d) && closes(s, j, d)) {
        closeAt = j;
        break;
      }
    }
    if (closeAt < 0) {
      spans.push({ para, open: offset + i, close: offset + s.length, textStart: offset + i + 1, textEnd: offset + s.length, closed: false, resumes });
      break;
    }
    spans.push({ para, open: offset + i, close: offset + closeAt + 1, textStart: offset + i + 1, textEnd: offset + closeAt, closed: true, resumes });
    i = closeAt + 1;
  }
  return spans;
}

/** Spans of every paragraph; a quote left open at a paragraph's end may resume in the next one. */
export function findAllSpans(flat: string, paras: Paragraph[]): QuoteSpan[][] {
  const germanLow = flat.includes('„');
  const out: QuoteSpan[][] = [];
  let openBefore: string | null = null;
  paras.forEach((p, pi) => {
    const spans = findSpans(flat.slice(p.start, p.end), p.start, pi, openBefore, germanLow);
    const last = spans[spans.length - 1];
    openBefore = last && !last.closed ? flat[last.open]! : null;
    out.push(spans);
  });
  return out;
}
