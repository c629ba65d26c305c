import { parseQuery, type ParsedQuery } from '../../../shared/search/parseQuery';
import { fold, termAlphabet, tokenize, type GermanAnalyzer } from './germanAnalyzer';
import type { Segment } from './Segment';

/**
 * Turns a parsed query into lunr queries over all live segments and merges their results.
 *
 * Every query word is one lunr query (`index.query(q => …)`, never `index.search(string)`, so no
 * QueryParseError can arise); its clauses are the alternatives for that word — the stem itself,
 * prefix expansions while typing, and, only when nothing matched, the compound parts of the word
 * or lunr's edit distance 1. The per-word result sets are then combined: documents that contain
 * every word come first (AND), ranked by the sum of lunr's BM25 scores.
 */

export interface QueryWord {
  /** As typed (NFC). */
  surface: string;
  folded: string;
  term: string;
  kind: string;
  /** The last word of a query typed without a trailing space: matched as a word start too. */
  prefix: boolean;
}

export type MatchMode = 'exact' | 'parts' | 'fuzzy' | 'none';

export interface WordMatch {
  word: QueryWord;
  scores: Map<string, number>;
  /** Index terms that matched (incl. expansions), for highlighting. */
  terms: Set<string>;
  mode: MatchMode;
}

export interface PreparedQuery {
  parsed: ParsedQuery;
  words: QueryWord[];
  excluded: QueryWord[];
  /** Phrases as lists of folded words, to check against the text. */
  phrases: string[][];
  hints: string[];
}

const PREFIX_EXPANSIONS = 40;
/** Longest suffix the German stemmer removes ("-ungen" + case endings): prefix/typo windows. */
const MAX_SUFFIX = 4;
/** Longer "words" (pasted garbage) are matched exactly only. */
const MAX_WORD = 40;

function wordsOf(text: string, analyzer: GermanAnalyzer, hints: string[]): QueryWord[] {
  const out: QueryWord[] = [];
  let stopOnly = false;
  for (const t of tokenize(text)) {
    if (t.text.length === 1 && !/[\p{L}\p{N}]/u.test(t.text)) continue; // joiners
    if (t.kind === 'legal') {
      out.push({ surface: t.text, folded: t.text.toLowerCase(), term: t.text.toLowerCase(), kind: 'legal', prefix: false });
      continue;
    }
    const a = analyzer.analyzeWord(t.text, t.kind);
    if (a.stop) {
      stopOnly = true;
      continue;
    }
    if (a.term.length < 2 && t.kind !== 'number') continue;
    out.push({ surface: t.text.toLowerCase(), folded: a.folded, term: a.term, kind: t.kind, prefix: false });
  }
  if (out.length === 0 && stopOnly) hints.push('Die Suchanfrage enthält nur sehr häufige Wörter (wie „und“, „der“); bitte ein aussagekräftiges Wort ergänzen.');
  return out;
}

export function prepareQuery(q: string, analyzer: GermanAnalyzer, prefixMode: boolean): PreparedQuery {
  const parsed = parseQuery(q);
  const hints = [...parsed.hints];
  const words = wordsOf(parsed.text, analyzer, hints);
  if (prefixMode && parsed.endsInWord && words.length > 0) words[words.length - 1]!.prefix = true;
  const phrases: string[][] = [];
  for (const p of parsed.phrases) {
    const pw = wordsOf(p, analyzer, []);
    for (const w of pw) if (!words.some((x) => x.term === w.term)) words.push(w);
    const folded = tokenize(p)
      .filter((t) => /[\p{L}\p{N}§]/u.test(t.text))
      .map((t) => fold(t.text));
    if (folded.length > 0) phrases.push(folded);
  }
  const excluded = parsed.excluded.flatMap((e) => wordsOf(e, analyzer, []));
  return { parsed, words, excluded, phrases, hints };
}

function run(segments: Segment[], clauses: { term: string; boost: number; editDistance?: number }[], into: WordMatch): void {
  for (const seg of segments) {
    for (const m of seg.query(clauses)) {
      into.scores.set(m.docId, (into.scores.get(m.docId) ?? 0) + m.score);
      for (const t of m.terms) into.terms.add(t);
    }
  }
}

/** All live documents matching one query word, with the alternatives described above. */
export function matchWord(word: QueryWord, segments: Segment[], analyzer: GermanAnalyzer, allowFallback = true): WordMatch {
  const m: WordMatch = { word, scores: new Map(), terms: new Set(), mode: 'exact' };
  const clauses: { term: string; boost: number; editDistance?: number }[] = [{ term: word.term, boost: 1 }];
  if (word.kind === 'legal') clauses.push({ term: word.term.slice(1), boost: 0.5 });
  if (word.prefix && word.kind !== 'legal') {
    // A half-typed word P: index terms starting with P, and terms that P starts with (the stem
    // of the finished word may be shorter than what has been typed so far).
    const p = termAlphabet(word.folded);
    if (p.length >= 2) {
      const seen = new Set<string>([word.term]);
      const expansions = new Map<string, number>();
      for (const seg of segments) {
        for (const e of seg.prefixTerms(p, PREFIX_EXPANSIONS)) expansions.set(e.term, (expansions.get(e.term) ?? 0) + e.df);
      }
      for (const [t] of [...expansions].sort((a, b) => b[1] - a[1]).slice(0, PREFIX_EXPANSIONS)) {
        if (!seen.has(t)) clauses.push({ term: t, boost: 0.6 });
        seen.add(t);
      }
      for (let k = p.length - 1; k >= Math.max(3, p.length - MAX_SUFFIX); k--) {
        const t = p.slice(0, k);
        if (!seen.has(t) && segments.some((s) => s.termIndex.has(t))) clauses.push({ term: t, boost: 0.6 });
        seen.add(t);
      }
    }
  }
  run(segments, clauses, m);
  if (m.scores.size > 0 || !allowFallback || word.kind === 'legal') {
    if (m.scores.size === 0) m.mode = 'none';
    return m;
  }
  // Nothing matched. 1) A compound the library only knows in parts ("Jugendhausprojekt"):
  // every part must match.
  const parts = word.folded.length <= MAX_WORD ? analyzer.vocabulary.split(word.folded) : null;
  if (parts) {
    let acc: Map<string, number> | null = null;
    const terms = new Set<string>();
    for (const part of parts) {
      const pm = matchWord({ ...word, folded: part, term: analyzer.analyzeWord(part).term, prefix: false }, segments, analyzer, false);
      for (const t of pm.terms) terms.add(t);
      if (acc === null) acc = pm.scores;
      else {
        const next = new Map<string, number>();
        for (const [d, s] of acc) {
          const o = pm.scores.get(d);
          if (o !== undefined) next.set(d, s + o);
        }
        acc = next;
      }
    }
    if (acc && acc.size > 0) {
      m.scores = acc;
      m.terms = terms;
      m.mode = 'parts';
      return m;
    }
  }
  // 2) A typo: lunr's edit distance 1 on the stem, and on the unstemmed word cut back by up to
  // the longest suffix the stemmer removes (a typo near the end changes what it strips).
  if (word.term.length >= 4 && word.term.length <= MAX_WORD && word.kind !== 'number') {
    const fuzzy: { term: string; boost: number; editDistance: number }[] = [{ term: word.term, boost: 1, editDistance: 1 }];
    const p = word.kind === 'word' ? termAlphabet(word.folded) : '';
    for (let k = p.length; k >= Math.max(6, p.length - MAX_SUFFIX); k--) {
      const t = p.slice(0, k);
      if (!fuzzy.some((c) => c.term === t)) fuzzy.push({ term: t, boost: 0.8, editDistance: 1 });
    }
    run(segments, fuzzy, m);
    if (m.scores.size > 0) {
      m.mode = 'fuzzy';
      // Fuzzy matches are weaker evidence than exact ones.
      for (const [d, s] of m.scores) m.scores.set(d, s * 0.7);
      return m;
    }
  }
  m.mode = 'none';
  return m;
}

export interface Combined {
  /** docId → score, only documents that match enough words. */
  scores: Map<string, number>;
  /** Matched index term → query word number, for snippets. */
  terms: Map<string, number>;
  matches: WordMatch[];
  partial: boolean;
}

/** AND over the words (documents with every word), falling back to the best partial coverage. */
export function combine(prepared: PreparedQuery, segments: Segment[], analyzer: GermanAnalyzer): Combined {
  const matches = prepared.words.map((w) => matchWord(w, segments, analyzer));
  const terms = new Map<string, number>();
  matches.forEach((m, i) => {
    for (const t of m.terms) if (!terms.has(t)) terms.set(t, i);
    if (!terms.has(m.word.term)) terms.set(m.word.term, i);
  });
  const coverage = new Map<string, { n: number; score: number }>();
  for (const m of matches) {
    for (const [d, s] of m.scores) {
      const c = coverage.get(d);
      if (c) {
        c.n++;
        c.score += s;
      } else coverage.set(d, { n: 1, score: s });
    }
  }
  let maxN = 0;
  for (const c of coverage.values()) if (c.n > maxN) maxN = c.n;
  const scores = new Map<string, number>();
  const need = matches.length;
  for (const [d, c] of coverage) {
    if (c.n === maxN) scores.set(d, c.score * (c.n / need) ** 2);
  }
  if (prepared.excluded.length > 0) {
    for (const x of prepared.excluded) {
      for (const d of matchWord(x, segments, analyzer, false).scores.keys()) scores.delete(d);
    }
  }
  return { scores, terms, matches, partial: maxN > 0 && maxN < need };
}

/** Folded words of a text in order, for phrase checks. */
export function foldedSequence(text: string): string[] {
  return tokenize(text)
    .filter((t) => /[\p{L}\p{N}§]/u.test(t.text))
    .map((t) => fold(t.text));
}

/** True if `seq` contains `phrase` as consecutive words (the last word may continue: "Quartier" ~ "Quartiers"). */
export function containsPhrase(seq: string[], phrase: string[]): boolean {
  if (phrase.length === 0) return true;
  outer: for (let i = 0; i + phrase.length <= seq.length; i++) {
    for (let j = 0; j < phrase.length; j++) {
      const w = seq[i + j]!;
      const p = phrase[j]!;
      if (w !== p && !(w.startsWith(p) && w.length - p.length <= 2)) continue outer;
    }
    return true;
  }
  return false;
}
