import { parseQuery, type ParsedQuery } from '../../../shared/search/parseQuery';
import type { SearchHint } from '../../../shared/search/searchHints';
import { exactForm, fold, MIN_PART, mayBePart, spelling, splitCompound, stemFolded, termAlphabet, tokenize, type GermanAnalyzer } from './germanAnalyzer';
import type { Segment } from './Segment';

/**
 * Turns a parsed query into scores over all live segments.
 *
 * Each query word has alternatives — its stem (in the whole-word fields and, weighted lower, in
 * the compound-part field), prefix expansions while typing — and an exact-form bonus; only when
 * the word is in no segment, the compound parts of the word (split like the index splits) and
 * edit distance 1 (lunr's TokenSet automaton). Scoring is BM25 (the weights lunr's builder
 * computes, read from the segment's postings), summed over the words with OR semantics and a
 * coordination factor: documents with more of the query words rank first, without a hard AND.
 * Word lists are never parsed by lunr's query parser, so no QueryParseError can arise.
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


export interface PreparedQuery {
  parsed: ParsedQuery;
  words: QueryWord[];
  excluded: QueryWord[];
  /** Phrases as lists of folded words, to check against the text. */
  phrases: string[][];
  hints: SearchHint[];
}

const PREFIX_EXPANSIONS = 40;
/** Longest suffix the German stemmer removes ("-ungen" + case endings): prefix/typo windows. */
const MAX_SUFFIX = 4;
/** Longer "words" (pasted garbage) are matched exactly only. */
const MAX_WORD = 40;

function wordsOf(text: string, analyzer: GermanAnalyzer, hints: SearchHint[]): QueryWord[] {
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
  if (out.length === 0 && stopOnly) hints.push({ code: 'stopwords-only' });
  return out;
}

/**
 * The frame of a question about what someone said ("Was hat Kohl zur Wiedervereinigung gesagt?"):
 * interrogatives and verbs of saying or holding an opinion, folded. In a question they say what
 * is asked, not what it is about; searched for, they rank a speech for its "wie ich gesagt habe"
 * above the one about the topic (coordination counts every query word).
 */
const QUESTION_FRAME = new Set(
  (
    'wer wann warum wieso weshalb weswegen inwiefern denn eigentlich genau etwa ' +
    'sagen sagt sagte sagten gesagt äußern äußert äußerte äußerten geäußert meinen meint meinte meinten gemeint ' +
    'sprach sprachen gesprochen erklärt erklärte erklärten betont betonte betonten denkt dachte gedacht hält hielt gehalten'
  )
    .split(' ')
    .map(fold),
);
const INTERROGATIVES = new Set(['was', 'wer', 'wie', 'wo', 'wann', 'warum', 'wieso', 'weshalb', 'weswegen', 'welche', 'welcher', 'welches', 'welchen', 'welchem', 'inwiefern', 'wozu', 'worüber', 'wofür'].map(fold));

/** Drops the question frame from the words of a question (ends with "?" or starts with a W-word); never all words. */
function withoutQuestionFrame(text: string, words: QueryWord[], hints: SearchHint[]): QueryWord[] {
  const first = tokenize(text).find((t) => /[\p{L}]/u.test(t.text));
  const question = /\?\s*$/u.test(text) || (first !== undefined && INTERROGATIVES.has(fold(first.text)));
  if (!question) return words;
  const kept = words.filter((w) => !QUESTION_FRAME.has(w.folded));
  if (kept.length === 0 || kept.length === words.length) return words;
  const dropped = words.filter((w) => QUESTION_FRAME.has(w.folded)).map((w) => w.surface);
  hints.push({ code: 'question-frame', words: dropped });
  return kept;
}

export function prepareQuery(q: string, analyzer: GermanAnalyzer, prefixMode: boolean): PreparedQuery {
  const parsed = parseQuery(q);
  const hints = [...parsed.hints];
  const words = withoutQuestionFrame(parsed.text, wordsOf(parsed.text, analyzer, hints), hints);
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

/**
 * Scoring weights (exported for tests and the benchmark). On top of the field boosts stored in
 * the segment (DOC_FIELDS):
 * - fuzzy: edit-distance matches are weaker evidence than exact ones;
 * - parts: a query compound matched through its parts ("Jugendhausprojekt" → jugendhaus + projekt);
 * - prefix: expansions of a half-typed word, relative to the typed word itself;
 * - exact: weight of the exact written form (field "forms") relative to its boost;
 * - spelling: weight of the spelling as typed (ä or ae, ß or ss: "forms" too), kept small;
 * - coord: a document's summed score is multiplied by (matched words / query words)^coord, so
 *   documents with more of the query words rank first without a hard AND (one very rare word
 *   does not beat all of them; a document with all words but weak BM25 does not vanish either).
 */
export const SCORING = { fuzzy: 0.7, parts: 0.8, prefix: 0.6, exact: 1, spelling: 0.15, coord: 2, fieldMult: {} as Record<string, number> };

/** Per-document scores of one segment, dense, with the list of documents touched. */
class Acc {
  readonly v: Float64Array;
  readonly mark: Uint8Array;
  readonly touched: number[] = [];
  constructor(n: number) {
    this.v = new Float64Array(n);
    this.mark = new Uint8Array(n);
  }
  private touch(r: number): void {
    if (this.mark[r] === 0) {
      this.mark[r] = 1;
      this.touched.push(r);
    }
  }
  max(r: number, value: number): void {
    this.touch(r);
    if (value > this.v[r]!) this.v[r] = value;
  }
  add(r: number, value: number): void {
    this.touch(r);
    this.v[r]! += value;
  }
  clear(): void {
    for (const r of this.touched) {
      this.v[r] = 0;
      this.mark[r] = 0;
    }
    this.touched.length = 0;
  }
}

/** Per-field multipliers (0 = field not used) for one kind of lookup. */
interface Lookups {
  /** Stems in the whole-word fields (title, people, …, body). */
  whole: Float64Array;
  /** Exact forms and typed spellings in the field "forms". */
  wholeForms: Float64Array;
  spelling: Float64Array;
  /** Part stems and part forms in the field "parts". */
  parts: Float64Array;
  /** Whole-word fields and parts together (fallbacks). */
  any: Float64Array;
}

interface SegScratch extends Lookups {
  seg: Segment;
  total: Acc;
  count: Uint8Array;
  word: Acc;
  cand: Acc;
  tmp: Acc;
}

function scratch(seg: Segment): SegScratch {
  const R = seg.docCount;
  const F = seg.fields.length;
  const l: Lookups = { whole: new Float64Array(F), wholeForms: new Float64Array(F), spelling: new Float64Array(F), parts: new Float64Array(F), any: new Float64Array(F) };
  seg.fields.forEach((f, i) => {
    const m = SCORING.fieldMult[f.name] ?? 1;
    if (f.name === 'forms') {
      l.wholeForms[i] = m * SCORING.exact;
      l.spelling[i] = m * SCORING.spelling;
    } else if (f.name === 'parts') {
      l.parts[i] = m;
      l.any[i] = m;
    } else {
      l.whole[i] = m;
      l.any[i] = m;
    }
  });
  return { seg, ...l, total: new Acc(R), count: new Uint8Array(R), word: new Acc(R), cand: new Acc(R), tmp: new Acc(R) };
}

/** Adds BM25 of `term` over the fields in `mult` to tmp; false if the term is unknown. */
function lookup(x: SegScratch, term: string, mult: Float64Array): boolean {
  return x.seg.accumulate(term, mult, x.tmp.v, x.tmp.touched, x.tmp.mark);
}

/** tmp × boost into `into` as a maximum (alternatives of one word do not add up); clears tmp. */
function tmpMaxInto(x: SegScratch, into: Acc, boost: number): void {
  for (const r of x.tmp.touched) into.max(r, x.tmp.v[r]! * boost);
  x.tmp.clear();
}

/** Alternatives for one word: the stem, legal-reference and prefix variants (never fallbacks). */
function alternatives(word: QueryWord, segments: Segment[]): { term: string; boost: number }[] {
  const alts: { term: string; boost: number }[] = [{ term: word.term, boost: 1 }];
  if (word.kind === 'legal') alts.push({ term: word.term.slice(1), boost: 0.5 });
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
        if (!seen.has(t)) alts.push({ term: t, boost: SCORING.prefix });
        seen.add(t);
      }
      for (let k = p.length - 1; k >= Math.max(3, p.length - MAX_SUFFIX); k--) {
        const t = p.slice(0, k);
        if (!seen.has(t) && segments.some((s) => s.termId(t) >= 0)) alts.push({ term: t, boost: SCORING.prefix });
        seen.add(t);
      }
    }
  }
  return alts;
}

/**
 * Scores alternatives of one word into `word` (maximum per document), in two groups: the word
 * itself (stems in the whole-word fields, plus exact forms and the typed spelling) and the word as
 * a compound part (part stems plus part forms); returns true if any alternative is in the segment.
 */
function scoreAlternatives(
  x: SegScratch,
  alts: { term: string; boost: number }[],
  forms: string[],
  sp: string | null,
  factor: number,
  terms: Set<string>,
): boolean {
  let hit = false;
  for (const [stems, formMult] of [
    [x.whole, x.wholeForms],
    [x.parts, x.parts],
  ] as const) {
    for (const alt of alts) {
      if (lookup(x, alt.term, stems)) {
        hit = true;
        terms.add(alt.term);
      }
      tmpMaxInto(x, x.cand, alt.boost);
    }
    if (x.cand.touched.length > 0 && (forms.length > 0 || sp)) {
      // On top of a stem match only.
      for (const f of forms) lookup(x, f, formMult);
      if (sp && stems === x.whole) lookup(x, sp, x.spelling);
      for (const r of x.tmp.touched) if (x.cand.mark[r] === 1) x.cand.add(r, x.tmp.v[r]!);
      x.tmp.clear();
    }
    for (const r of x.cand.touched) x.word.max(r, x.cand.v[r]! * factor);
    x.cand.clear();
  }
  return hit;
}

/**
 * Query-time part frequency: documents holding `part` as a written word (its exact form, as a word
 * or a compound part), heads also by stem ("prozesse"). Four letters at least: no three-letter
 * parts without the index vocabulary's frequency rule.
 */
function indexedPartDf(part: string, asHead: boolean, xs: SegScratch[]): number {
  if (part.length < MIN_PART || !mayBePart(part)) return 0;
  let n = 0;
  for (const x of xs) n += x.seg.termDf(exactForm(part)) + (asHead ? x.seg.termDf(stemFolded(part)) : 0);
  return n;
}

/**
 * Scores one query word into each segment's `word` scores and returns how it matched.
 *
 * A document's evidence for the word is the better of two: the word itself (its stem in the
 * whole-word fields, plus its exact written form and spelling) or the word as a compound part
 * (its stem and form among the parts, weighted lower by the field boost). Taking the better one
 * instead of the sum keeps a document full of compounds from outranking one that uses the word
 * itself. Fallbacks, only when the word is in no segment: its compound parts (split against the
 * same vocabulary as the index, so they line up with the index's part terms) and edit distance
 * 1 — both tried, the better one per document wins.
 */
function scoreWord(word: QueryWord, xs: SegScratch[], analyzer: GermanAnalyzer, terms: Set<string>, allowFallback: boolean): MatchMode {
  const alts = alternatives(word, xs.map((x) => x.seg));
  const exact = word.kind !== 'legal' && word.surface.length <= MAX_WORD;
  const form = exact ? exactForm(word.surface) : null;
  const sp = exact ? spelling(word.surface) : null;
  let found = false;
  for (const x of xs) if (scoreAlternatives(x, alts, form ? [form] : [], sp, 1, terms)) found = true;
  if (found) return 'exact';
  if (!allowFallback || word.kind === 'legal' || word.folded.length > MAX_WORD) return 'none';
  let mode: MatchMode = 'none';
  // 1) A compound the library only knows in parts ("Jugendhausprojekt"): the parts' scores,
  // scaled by the share of parts found (squared, like the coordination of words). Split like the
  // index splits, and against every word the segments hold, however rare: the index vocabulary
  // asks a part to recur so that documents are not split wrongly, but a query word that no
  // document contains is best read as words that some do ("Gentrifizierungsprozess"). Fewer,
  // longer parts are the more specific reading ("Mietpreisbremse|n|gesetz"); on a tie the
  // vocabulary's split, which lines up with the index's part terms.
  const viaVocabulary = analyzer.vocabulary.split(word.folded);
  const viaIndex = splitCompound(word.folded, (part, asHead) => indexedPartDf(part, asHead, xs));
  const parts = viaIndex && (!viaVocabulary || viaIndex.length < viaVocabulary.length) ? viaIndex : viaVocabulary;
  if (parts) {
    const stems = [...new Set(parts.map((p) => analyzer.analyzeWord(p).term))];
    for (const x of xs) {
      const n = new Map<number, number>();
      for (const st of stems) {
        if (!lookup(x, st, x.any)) continue;
        terms.add(st);
        for (const r of x.tmp.touched) {
          n.set(r, (n.get(r) ?? 0) + 1);
          x.cand.add(r, x.tmp.v[r]!);
        }
        x.tmp.clear();
      }
      for (const r of x.cand.touched) x.word.max(r, x.cand.v[r]! * ((n.get(r) ?? 0) / stems.length) ** 2 * SCORING.parts);
      if (x.cand.touched.length > 0) mode = 'parts';
      x.cand.clear();
    }
  }
  // 2) A typo: edit distance 1 on the stem, and on the unstemmed word cut back by up to the
  // longest suffix the stemmer removes (a typo near the end changes what it strips).
  if (word.term.length >= 4 && word.kind !== 'number') {
    const keys = [{ term: word.term, boost: 1 }];
    const p = word.kind === 'word' ? termAlphabet(word.folded) : '';
    for (let k = p.length; k >= Math.max(6, p.length - MAX_SUFFIX); k--) {
      const t = p.slice(0, k);
      if (!keys.some((c) => c.term === t)) keys.push({ term: t, boost: 0.8 });
    }
    let fuzzyHit = false;
    const typed = fold(word.surface.replace(/[-\u2010\u2011]/g, ''));
    for (const x of xs) {
      const expanded = new Map<string, number>();
      for (const k of keys) for (const t of x.seg.fuzzyTerms(k.term, 1)) expanded.set(t, Math.max(expanded.get(t) ?? 0, k.boost));
      // The written forms of the corrected word nearest to what was typed, for the same
      // exact-form evidence the correctly typed word gets ("Verantwrotung" → "=verantwortung").
      const forms = new Set<string>();
      for (const t of expanded.keys()) {
        for (const f of x.seg.prefixTerms(`=${t}`, 50)) if (editDistance(f.term.slice(1), typed, 2) <= 2) forms.add(f.term);
      }
      const alts = [...expanded].map(([term, boost]) => ({ term, boost }));
      if (scoreAlternatives(x, alts, [...forms], null, SCORING.fuzzy, terms)) fuzzyHit = true;
    }
    if (fuzzyHit && mode === 'none') mode = 'fuzzy';
  }
  return mode;
}

export interface WordMatch {
  word: QueryWord;
  mode: MatchMode;
  /** Live documents the word matched. */
  docs: number;
}

export interface Combined {
  /** docId → score of every live document matching at least one word. */
  scores: Map<string, number>;
  /** Matched index term → query word number, for snippets. */
  terms: Map<string, number>;
  matches: WordMatch[];
  /** No document contains every word. */
  partial: boolean;
}

/**
 * BM25 over all words with OR semantics and a coordination factor (see SCORING.coord); excluded words
 * remove documents. Segments are scored on their postings directly (see Segment#accumulate).
 */
export function combine(prepared: PreparedQuery, segments: Segment[], analyzer: GermanAnalyzer): Combined {
  const xs = segments.filter((s) => s.docCount > 0).map(scratch);
  const terms = new Map<string, number>();
  const matches: WordMatch[] = [];
  const need = prepared.words.length;
  prepared.words.forEach((w, i) => {
    const matched = new Set<string>();
    const mode = scoreWord(w, xs, analyzer, matched, true);
    let docs = 0;
    for (const x of xs) {
      for (const r of x.word.touched) {
        const v = x.word.v[r]!;
        if (v <= 0) continue;
        x.total.add(r, v);
        x.count[r]!++;
        if (!x.seg.tombstones.has(x.seg.refs[r]!)) docs++;
      }
      x.word.clear();
    }
    for (const t of matched) if (!terms.has(t)) terms.set(t, i);
    if (!terms.has(w.term)) terms.set(w.term, i);
    matches.push({ word: w, mode: docs > 0 ? mode : 'none', docs });
  });
  for (const w of prepared.excluded) {
    scoreWord(w, xs, analyzer, new Set(), false);
    for (const x of xs) {
      for (const r of x.word.touched) x.count[r] = 0;
      x.word.clear();
    }
  }
  const scores = new Map<string, number>();
  let maxN = 0;
  for (const x of xs) {
    for (const r of x.total.touched) {
      const n = x.count[r]!;
      if (n === 0) continue;
      const id = x.seg.refs[r]!;
      if (x.seg.tombstones.has(id)) continue;
      if (n > maxN) maxN = n;
      scores.set(id, x.total.v[r]! * (n / need) ** SCORING.coord);
    }
  }
  return { scores, terms, matches, partial: maxN > 0 && maxN < need };
}

/** Optimal string alignment distance (adjacent transpositions count 1), or max + 1 beyond `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const m = a.length;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
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

/**
 * Proximity (a remembered wording typed without quotes, "Mut zur Lücke"): for each pair of
 * neighbouring query words, whether a text has them close together (either order, at most
 * PROXIMITY_CHARS between their starts). Returns the share of such pairs (0…1), or 0 for a
 * one-word query. Words are found at word starts by their stem and by their folded spelling
 * cut to the stem's length ("Häuser": "haus", "haeu", "häu"), lower-case and capitalised: the
 * text is searched as written, since folding every candidate would cost more than the search.
 */
export const PROXIMITY_CHARS = 40;
const WORD_CHAR = /[\p{L}\p{N}]/u;

export function proximityNeedles(words: QueryWord[]): string[][] {
  return words.map((w) => {
    const n = Math.max(w.term.length, 3);
    const prefix = w.folded.slice(0, n);
    const umlauts = prefix.replace(/ae/g, 'ä').replace(/oe/g, 'ö').replace(/(?<!q)ue/g, 'ü');
    const forms = [w.term, prefix, umlauts, umlauts.replace(/ss/g, 'ß')].filter((x) => x.length >= 2);
    return [...new Set(forms.flatMap((f) => [f, f[0]!.toUpperCase() + f.slice(1)]))];
  });
}

/** A letter or digit before a match means it is not at a word start (ASCII checked without a regex). */
function wordCharAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return WORD_CHAR.test(text[i]!);
}

function startsAt(text: string, needles: string[]): number[] {
  const out: number[] = [];
  for (const needle of needles) {
    for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) {
      if (i === 0 || !wordCharAt(text, i - 1)) out.push(i);
    }
  }
  return needles.length > 1 ? out.sort((a, b) => a - b) : out;
}

/** Is some position of `a` within PROXIMITY_CHARS of a (different) position of `b`? Both sorted. */
function near(a: number[], b: number[]): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (Math.abs(a[i]! - b[j]!) <= PROXIMITY_CHARS && a[i] !== b[j]) return true;
    if (a[i]! < b[j]!) i++;
    else j++;
  }
  return false;
}

export function proximityShare(texts: string[], needles: string[][]): number {
  if (needles.length < 2) return 0;
  const positions = texts.map((t) => needles.map((n) => startsAt(t, n)));
  let close = 0;
  for (let k = 0; k + 1 < needles.length; k++) {
    if (positions.some((p) => near(p[k]!, p[k + 1]!))) close++;
  }
  return close / (needles.length - 1);
}
