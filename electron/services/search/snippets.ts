import type { HighlightRange } from '../../../shared/ipc/areas/search';
import { tokenize, type GermanAnalyzer, type RawToken } from './germanAnalyzer';

export interface Snippet {
  snippet: string;
  highlights: HighlightRange[];
}

/** Verified matches collected at most, and candidate words checked at most, per text. */
const MAX_HITS = 60;
const MAX_CHECKS = 150;

const patternCache = new Map<string, RegExp | null>();

/**
 * A regular expression finding where the index terms may occur in the written text: each term's
 * letters with the spellings folding maps onto them (a → a/ä/ae, ss → ss/ß, …). A stem is a
 * prefix of its words and a part stem is inside its compounds, so every occurrence is found;
 * candidates are then confirmed with the analyzer. Native regex scanning instead of tokenising
 * and analysing every word of a long text.
 */
function termPattern(terms: Map<string, number>): RegExp | null {
  const keys = [...terms.keys()].filter((t) => !t.startsWith('=') && t.length >= 2).sort((a, b) => b.length - a.length);
  const key = keys.join('\u0000');
  let re = patternCache.get(key);
  if (re !== undefined) return re;
  const alt = keys.map((t) => {
    if (t.startsWith('§')) return `§+\\s*${esc(t.slice(1))}`;
    let out = '';
    for (let i = 0; i < t.length; i++) {
      const c = t[i]!;
      if (c === 'a') out += '(?:ae|a|ä)';
      else if (c === 'o') out += '(?:oe|o|ö)';
      else if (c === 'u') out += '(?:ue|u|ü)';
      else if (c === 's' && t[i + 1] === 's') {
        out += '(?:ss|ß)';
        i++;
      } else out += esc(c);
    }
    return out;
  });
  re = alt.length > 0 ? new RegExp(alt.join('|'), 'giu') : null;
  if (patternCache.size > 500) patternCache.clear();
  patternCache.set(key, re);
  return re;
}

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}\u00AD\u200B-\u200D\u2060\-\u2010\u2011]/u;

/**
 * The passage of `text` that shows most of the query words, with the matched words marked —
 * also where only a stem or a compound part matched ("Entwicklung" marks "Quartiersentwicklung").
 * `terms` maps each matched index term to the query word it stands for. Occurrences are located
 * by a regular expression (see termPattern) and confirmed word by word; only the chosen window
 * is tokenised for the highlights, so the cost does not grow with the length of the text.
 */
export function makeSnippet(
  text: string,
  analyzer: GermanAnalyzer,
  terms: Map<string, number>,
  wordCount: number,
  maxLen = 240,
): Snippet {
  if (!text) return { snippet: '', highlights: [] };
  const hits: { start: number; end: number; word: number }[] = [];
  const re = termPattern(terms);
  if (re) {
    re.lastIndex = 0;
    const words = new Set<number>();
    let checks = 0;
    for (let m = re.exec(text); m !== null && hits.length < MAX_HITS && checks < MAX_CHECKS; m = re.exec(text)) {
      // The whole word around the candidate (hyphenated words and ellipsis neighbours included).
      let a = m.index;
      let b = m.index + m[0].length;
      while (a > 0 && WORD_CHAR.test(text[a - 1]!)) a--;
      while (b < text.length && WORD_CHAR.test(text[b]!)) b++;
      re.lastIndex = Math.max(b, m.index + 1);
      checks++;
      const from = Math.max(0, a - 80);
      const tokens = tokenize(text.slice(from, Math.min(text.length, b + 80)));
      const i = tokens.findIndex((t) => t.start + from <= m!.index && t.end + from > m!.index);
      if (i < 0) continue;
      const t = tokens[i]!;
      const w = matchToken(t, tokens, i, analyzer, terms);
      if (w < 0) continue;
      hits.push({ start: from + t.start, end: from + t.end, word: w });
      words.add(w);
      // Enough to choose a passage: every word seen, and a few more hits to find a dense one.
      if (words.size >= wordCount && hits.length >= wordCount * 4) break;
    }
  }
  let best: { from: number; to: number; distinct: number; count: number } | null = null;
  // Windows starting at each hit: most distinct words first, then most hits.
  for (let i = 0; i < hits.length; i++) {
    const seen = new Set<number>();
    let count = 0;
    let to = hits[i]!.end;
    for (let j = i; j < hits.length && hits[j]!.end - hits[i]!.start <= maxLen - 40; j++) {
      seen.add(hits[j]!.word);
      count++;
      to = hits[j]!.end;
    }
    if (!best || seen.size > best.distinct || (seen.size === best.distinct && count > best.count)) {
      best = { from: hits[i]!.start, to, distinct: seen.size, count };
    }
  }
  const b = best as { from: number; to: number } | null;
  let start = 0;
  if (b && b.from > 60) {
    start = b.from - 60;
    // Prefer starting at a sentence; else at the next word.
    const sentence = text.lastIndexOf('. ', b.from);
    if (sentence >= start - 60 && sentence < b.from) start = sentence + 2;
    else {
      const ws = text.indexOf(' ', start);
      start = ws >= 0 && ws < b.from ? ws + 1 : start;
    }
  }
  let end = Math.min(text.length, start + maxLen);
  if (b && b.to > end) end = Math.min(text.length, b.to + 10);
  if (end < text.length) {
    const ws = text.lastIndexOf(' ', end);
    if (ws > start + 40 && (!b || ws >= b.to)) end = ws;
  }
  const pre = start > 0 ? '…' : '';
  const post = end < text.length ? '…' : '';
  // Line breaks become spaces one for one, so the highlight offsets stay valid.
  const body = text.slice(start, end).replace(/[\n\r\t]/g, ' ');
  const shift = pre.length - start;
  // Highlights: every matching word inside the window (tokenised with a margin for ellipses).
  const from = Math.max(0, start - 80);
  const tokens = tokenize(text.slice(from, Math.min(text.length, end + 80)));
  const highlights: HighlightRange[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.start + from < start || t.end + from > end) continue;
    if (matchToken(t, tokens, i, analyzer, terms) >= 0) highlights.push([t.start + from + shift, t.end + from + shift]);
  }
  return { snippet: `${pre}${body}${post}`, highlights };
}

/** Which query word a token stands for (via its term, a compound part, or an ellipsis), or -1. */
function matchToken(t: RawToken, tokens: RawToken[], i: number, analyzer: GermanAnalyzer, terms: Map<string, number>): number {
  if (t.kind === 'legal') return terms.get(t.text.toLowerCase()) ?? terms.get(t.text.slice(1).toLowerCase()) ?? -1;
  if (t.text.length === 1 && !/[\p{L}\p{N}]/u.test(t.text)) return -1;
  const a = analyzer.analyzeWord(t.text, t.kind);
  if (a.stop) return -1;
  const direct = terms.get(a.term);
  if (direct !== undefined) return direct;
  for (const p of a.parts) {
    const w = terms.get(p);
    if (w !== undefined) return w;
  }
  if (t.openEnd || t.openStart) {
    const c = analyzer.completeEllipsis(tokens, i);
    if (c) {
      const w = terms.get(c);
      if (w !== undefined) return w;
    }
  }
  // The head of an ellipsis: "Jugendhäuser" in "Bürger- und Jugendhäuser" for "Bürgerhaus".
  const prev = tokens[i - 2];
  if (prev?.openEnd) {
    const c = analyzer.completeEllipsis(tokens, i - 2);
    if (c) {
      const w = terms.get(c);
      if (w !== undefined) return w;
    }
  }
  return -1;
}

/** Marked text for terminals and logs: «word». The UI uses `highlights` instead. */
export function markSnippet(s: Snippet): string {
  let out = '';
  let pos = 0;
  for (const [a, b] of s.highlights) {
    if (a < pos) continue;
    out += `${s.snippet.slice(pos, a)}«${s.snippet.slice(a, b)}»`;
    pos = b;
  }
  return out + s.snippet.slice(pos);
}
