import type { QuoteRow, IndexableDoc } from './documentSource';
import { cleanToken, detach, exactForm, fold, OPEN_END, OPEN_START, scanTokens, spelling, tokenize, tokenKind, type GermanAnalyzer, type RawToken, type TokenKind } from './germanAnalyzer';
import type { SegmentBuilder } from './Segment';

/**
 * Index terms of whole documents, for segment builds: what `GermanAnalyzer.analyze` gives, but
 * each distinct written word is analysed once per build (stem, fold, compound split, exact form,
 * spelling), its terms kept as the builder's term numbers. Every further occurrence costs one
 * lookup, and the builder gets numbers, not strings (word frequencies are Zipfian: a speech
 * corpus has some 25 occurrences per distinct word).
 *
 * The output is the same as `analyze` word for word (tests/unit/search/indexTerms.test.ts); the
 * coordination ellipsis ("Bürger- und Jugendhäuser"), which depends on the neighbouring words,
 * is still worked out per occurrence, for the rare words with an open hyphen.
 */
export class TermAnalysis {
  /** Written word → offset in `pool` of [n, …terms, n, …forms, n, …parts]. */
  private readonly words = new Map<string, number>();
  private pool = new Int32Array(1 << 16);
  private used = 0;

  constructor(
    private readonly analyzer: GermanAnalyzer,
    private readonly builder: SegmentBuilder,
  ) {}

  /** Appends the term numbers of `text`: its words to `terms`, compound parts to `parts`, exact forms and spellings to `forms`. */
  analyze(text: string, terms: number[], parts: number[] | null, forms: number[]): void {
    const tokens = tokenize(text);
    const pool = () => this.pool;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      let at = this.words.get(t.text);
      if (at === undefined) at = this.learn(t.text, t.kind);
      const p = pool();
      let n = p[at++]!;
      for (let k = 0; k < n; k++) terms.push(p[at++]!);
      n = p[at++]!;
      for (let k = 0; k < n; k++) forms.push(p[at++]!);
      n = p[at++]!;
      if (parts) for (let k = 0; k < n; k++) parts.push(p[at + k]!);
      if (t.openEnd || t.openStart) {
        const completed = this.analyzer.completeEllipsis(tokens, i);
        if (completed) terms.push(this.builder.intern(completed));
      }
    }
  }

  /** Per surface of `store`: offset of its entry in `pool` (-1: not analysed yet). */
  private surfaceEntry = new Int32Array(0);

  /** Like `analyze`, for a body kept as surface numbers by `store` (pass 2 of a full build). */
  analyzeStream(store: TokenStore, stream: Int32Array, terms: number[], parts: number[], forms: number[]): void {
    if (this.surfaceEntry.length < store.texts.length) {
      const grown = new Int32Array(store.texts.length).fill(-1);
      grown.set(this.surfaceEntry);
      this.surfaceEntry = grown;
    }
    const entry = this.surfaceEntry;
    for (let i = 0; i < stream.length; i++) {
      const v = stream[i]!;
      const sid = v >> 2;
      let at = entry[sid]!;
      if (at < 0) at = entry[sid] = this.learn(store.texts[sid]!, store.kinds[sid]!);
      const p = this.pool;
      let n = p[at++]!;
      for (let k = 0; k < n; k++) terms.push(p[at++]!);
      n = p[at++]!;
      for (let k = 0; k < n; k++) forms.push(p[at++]!);
      n = p[at++]!;
      for (let k = 0; k < n; k++) parts.push(p[at + k]!);
      if (v & 3) {
        const w = window(store, stream, i);
        const completed = this.analyzer.completeEllipsis(w.tokens, w.at);
        if (completed) terms.push(this.builder.intern(completed));
      }
    }
  }

  /** Analyses a word seen for the first time and stores its term numbers. */
  private learn(text: string, kind: TokenKind): number {
    const terms: string[] = [];
    const forms: string[] = [];
    const parts: string[] = [];
    if (kind === 'legal') {
      terms.push(text.toLowerCase(), text.slice(1).toLowerCase());
    } else {
      const a = this.analyzer.analyzeWord(text, kind);
      if (!a.stop && (a.term.length >= 2 || kind === 'number')) {
        terms.push(a.term);
        forms.push(exactForm(text));
        const sp = spelling(text);
        if (sp) forms.push(sp);
      }
      parts.push(...a.parts, ...a.partForms);
    }
    const need = 3 + terms.length + forms.length + parts.length;
    if (this.used + need > this.pool.length) {
      const grown = new Int32Array(Math.max(this.pool.length * 2, this.used + need));
      grown.set(this.pool.subarray(0, this.used));
      this.pool = grown;
    }
    const at = this.used;
    let w = at;
    for (const list of [terms, forms, parts]) {
      this.pool[w++] = list.length;
      for (const x of list) this.pool[w++] = this.builder.intern(x);
    }
    this.used = w;
    this.words.set(detach(text), at);
    return at;
  }
}

/** The tokens i-2 … i+2 of a stream (as far as they exist) as RawTokens, what completeEllipsis looks at; `at` is token i's place. */
function window(store: TokenStore, stream: Int32Array, i: number): { tokens: RawToken[]; at: number } {
  const from = Math.max(0, i - 2);
  const tokens: RawToken[] = [];
  for (let k = from; k <= Math.min(stream.length - 1, i + 2); k++) {
    const v = stream[k]!;
    const sid = v >> 2;
    const tok: RawToken = { start: 0, end: 0, text: store.texts[sid]!, kind: store.kinds[sid]! };
    if (v & OPEN_START) tok.openStart = true;
    if (v & OPEN_END) tok.openEnd = true;
    tokens.push(tok);
  }
  return { tokens, at: i - from };
}

/** Reusable per-field buffers of term numbers (one document at a time). */
export class FieldBuffers {
  readonly lists: number[][];
  constructor(fields: number) {
    this.lists = Array.from({ length: fields }, () => []);
  }
  clear(): void {
    for (const l of this.lists) l.length = 0;
  }
}

/**
 * A document's terms in the fields of DOC_FIELDS (title, people, organisations, tags, body,
 * parts, forms): the title's and body's compound parts go to `parts`, every exact form (names
 * too) to `forms`.
 */
export function addDocument(
  builder: SegmentBuilder,
  analysis: TermAnalysis,
  buf: FieldBuffers,
  doc: Omit<IndexableDoc, 'body'> & { body?: string },
  stored?: { store: TokenStore; body: Int32Array },
): void {
  buf.clear();
  const [title, people, orgs, tags, body, parts, forms] = buf.lists as [number[], number[], number[], number[], number[], number[], number[]];
  analysis.analyze(doc.title, title, parts, forms);
  if (stored) analysis.analyzeStream(stored.store, stored.body, body, parts, forms);
  else analysis.analyze(doc.body ?? '', body, parts, forms);
  for (const x of doc.people) analysis.analyze(x, people, null, forms);
  for (const x of doc.organisations) analysis.analyze(x, orgs, null, forms);
  for (const x of doc.tags) analysis.analyze(x, tags, null, forms);
  builder.addIds(doc.id, doc.updatedAt, buf.lists);
}

/** A statement's terms in the fields of QUOTE_FIELDS (text, speaker, organisation, role, parts). */
export function addQuote(builder: SegmentBuilder, analysis: TermAnalysis, buf: FieldBuffers, q: QuoteRow): void {
  buf.clear();
  const [text, speaker, org, role, parts] = buf.lists as [number[], number[], number[], number[], number[]];
  const unused: number[] = [];
  analysis.analyze(q.text, text, parts, unused);
  if (q.person) analysis.analyze(q.person, speaker, null, unused);
  if (q.organisation) analysis.analyze(q.organisation, org, null, unused);
  if (q.role) analysis.analyze(q.role, role, null, unused);
  builder.addIds(q.id, '', buf.lists);
}

/**
 * Pass 1 of a full build: every body is scanned once. Each distinct written word becomes a
 * "surface" (cleaned once, kind, folded pieces for the compound vocabulary); a body is kept as the
 * list of its surfaces' numbers (with the open-hyphen flags), so pass 2 analyses each surface
 * once and never reads or scans a body again. Meanwhile it counts the document frequencies of
 * folded words, as GermanAnalyzer.foldedWords does (CompoundVocabulary.fromWordDf's input).
 */
export class TokenStore {
  /** Written word as it stands in the text → surface number. */
  private readonly byRaw = new Map<string, number>();
  /** Per surface: the cleaned word and its kind. */
  readonly texts: string[] = [];
  readonly kinds: TokenKind[] = [];
  /** Per surface: numbers of its folded pieces (≥ 3 letters; words only). */
  private readonly pieces: number[][] = [];
  private readonly foldedNames: string[] = [];
  private readonly foldedIds = new Map<string, number>();
  private df = new Int32Array(1024);
  private lastDoc = new Int32Array(1024).fill(-1);
  private stream: number[] = [];
  docs = 0;

  /**
   * Counts the folded words of a document's title and body and returns the body as surface
   * numbers (`surface << 2 | flags`).
   */
  addDocument(title: string, body: string): Int32Array {
    const doc = this.docs++;
    this.stream.length = 0;
    const visit = (raw: string, legal: boolean, flags: number, keep: boolean) => {
      let sid = this.byRaw.get(raw);
      if (sid === undefined) sid = this.learn(raw, legal);
      if (sid < 0) return;
      for (const id of this.pieces[sid]!) {
        if (this.lastDoc[id] !== doc) {
          this.lastDoc[id] = doc;
          this.df[id]!++;
        }
      }
      if (keep) this.stream.push((sid << 2) | flags);
    };
    scanTokens(title, (_s, _e, raw, legal, flags) => visit(raw, legal, flags, false));
    scanTokens(body, (_s, _e, raw, legal, flags) => visit(raw, legal, flags, true));
    return Int32Array.from(this.stream);
  }

  /** A written word seen for the first time: its surface number, or -1 for a token that cleans to nothing. */
  private learn(raw: string, legal: boolean): number {
    const text = legal ? raw : cleanToken(raw);
    let sid = -1;
    if (text.length > 0) {
      sid = this.texts.length;
      const kind: TokenKind = legal ? 'legal' : tokenKind(text);
      this.texts.push(detach(text));
      this.kinds.push(kind);
      const ps: number[] = [];
      if (kind === 'word') for (const p of text.split(/[-\u2010\u2011]/)) if (p.length >= 3) ps.push(this.foldedId(fold(p)));
      this.pieces.push(ps);
    }
    this.byRaw.set(detach(raw), sid);
    return sid;
  }

  private foldedId(folded: string): number {
    let id = this.foldedIds.get(folded);
    if (id === undefined) {
      id = this.foldedNames.length;
      const own = detach(folded);
      this.foldedIds.set(own, id);
      this.foldedNames.push(own);
      if (id >= this.df.length) {
        const df = new Int32Array(this.df.length * 2);
        df.set(this.df);
        this.df = df;
        const last = new Int32Array(this.lastDoc.length * 2).fill(-1);
        last.set(this.lastDoc);
        this.lastDoc = last;
      }
    }
    return id;
  }

  /** Folded word → number of documents containing it (in title or body). */
  wordDf(): Map<string, number> {
    const out = new Map<string, number>();
    for (let i = 0; i < this.foldedNames.length; i++) out.set(this.foldedNames[i]!, this.df[i]!);
    return out;
  }

  /** The scanned pass-1 tables are no longer needed once pass 2 has the surfaces. */
  releaseCounts(): void {
    this.byRaw.clear();
    this.foldedIds.clear();
    this.foldedNames.length = 0;
    this.pieces.length = 0;
    this.df = new Int32Array(0);
    this.lastDoc = new Int32Array(0);
  }
}
