/**
 * The analysed text shared by the steps of quote extraction: line breaks inside paragraphs read
 * as spaces (offsets unchanged), paragraphs, tokens, quote spans, and which tokens lie inside a
 * quote. Built once per text in linear time.
 */
import { tokenize, type Token } from '../tokenize';
import { findAllSpans, paragraphs, type Paragraph, type QuoteSpan } from './spans';

export interface QuoteText {
  /** The text as given. */
  text: string;
  /** The text with every line break as a space: hard-wrapped quotes read as one line. */
  flat: string;
  paras: Paragraph[];
  toks: Token[][];
  spans: QuoteSpan[][];
  /** Per paragraph and token: inside a quote span. */
  inQuote: boolean[][];
}

export function prepareText(text: string): QuoteText {
  const paras = paragraphs(text);
  const flat = text.replace(/[\r\n]/gu, ' ');
  const toks = paras.map((p) => tokenize(flat.slice(p.start, p.end), p.start));
  const spans = findAllSpans(flat, paras);
  const inQuote = toks.map((ts, pi) => markInQuote(ts, spans[pi]!));
  return { text, flat, paras, toks, spans, inQuote };
}

/** One sweep over tokens and spans (both in text order). */
export function markInQuote(toks: Token[], spans: QuoteSpan[]): boolean[] {
  const out = new Array<boolean>(toks.length).fill(false);
  let s = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    while (s < spans.length && spans[s]!.textEnd < t.end) s++;
    const sp = spans[s];
    if (sp && t.start >= sp.textStart && t.end <= sp.textEnd) out[i] = true;
  }
  return out;
}

/** Index of the first token starting at or after `offset` (binary search); `toks.length` if none. */
export function tokenAt(toks: Token[], offset: number): number {
  let lo = 0;
  let hi = toks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (toks[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const SENTENCE_END = new Set(['.', '!', '?']);
const CAPITAL = /^\p{Lu}/u;
/** A sentence is looked for at most this many tokens back (keeps every look-up local). */
const MAX_SENTENCE_TOKENS = 120;

/** Index of the first token of the sentence that contains token `idx`. */
export function sentenceStart(toks: Token[], idx: number): number {
  const stop = Math.max(0, idx - MAX_SENTENCE_TOKENS);
  for (let i = idx - 1; i > stop; i--) {
    const t = toks[i]!.text;
    const prev = toks[i - 1]!.text;
    const next = toks[i + 1]?.text ?? '';
    if (SENTENCE_END.has(t) && (CAPITAL.test(next) || /^[„»«"]$/u.test(next))) return i + 1;
    if (/^[“”«»"]$/u.test(t) && SENTENCE_END.has(prev) && CAPITAL.test(next) && i + 1 <= idx) return i + 1;
  }
  return stop;
}
