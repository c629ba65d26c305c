import type { HighlightRange } from '../../../shared/ipc/areas/search';
import { tokenize, type GermanAnalyzer, type RawToken } from './germanAnalyzer';

export interface Snippet {
  snippet: string;
  highlights: HighlightRange[];
}

const CHUNK = 4000;

/**
 * The passage of `text` that shows most of the query words, with the matched words marked —
 * also where only a stem or a compound part matched ("Entwicklung" marks "Quartiersentwicklung").
 * `terms` maps each matched index term to the query word it stands for. Long texts are scanned in
 * chunks and the scan stops once a passage holds every query word.
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
  let best: { from: number; to: number; distinct: number; count: number } | null = null;
  const consider = () => {
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
  };
  for (let chunkStart = 0; chunkStart < text.length; ) {
    // Cut chunks at whitespace so no word is split.
    let chunkEnd = Math.min(text.length, chunkStart + CHUNK);
    if (chunkEnd < text.length) {
      const ws = text.indexOf(' ', chunkEnd);
      chunkEnd = ws < 0 ? text.length : ws;
    }
    const tokens = tokenize(text.slice(chunkStart, chunkEnd));
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const w = matchToken(t, tokens, i, analyzer, terms);
      if (w >= 0) hits.push({ start: chunkStart + t.start, end: chunkStart + t.end, word: w });
    }
    consider();
    if (best && (best as { distinct: number }).distinct >= wordCount) break;
    chunkStart = chunkEnd;
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
  const highlights: HighlightRange[] = hits
    .filter((h) => h.start >= start && h.end <= end)
    .map((h) => [h.start + shift, h.end + shift]);
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
