import lunr from 'lunr';
import { CompoundVocabulary, detach, type VocabularyJSON } from './germanAnalyzer';

/**
 * One immutable index segment (ARCHITECTURE §5: "lunr made live like Lucene segments").
 *
 * A segment holds what a built `lunr.Index` needs to score — the inverted index with the BM25
 * weight of every (term, field, document), which lunr keeps as one vector per document field, and
 * the term list — but in a compact columnar codec (typed arrays: per posting one ref and one
 * weight), so that it serialises into one SQLite BLOB and loads without re-parsing millions of
 * small JSON objects.
 * The BM25 weights are computed as `lunr.Builder#createFieldVectors` does, but with
 * collection statistics that may come from outside the segment: a small delta segment is
 * weighted with the statistics of base + delta, so its documents rank like the rest (Lucene uses
 * collection-wide statistics for the same reason). Queries read the postings and their weights
 * directly (`accumulate`: no per-posting objects, which made lunr's `Index#query` slow for common
 * terms); edit-distance expansion uses lunr's TokenSet automaton over the term list.
 */

export interface FieldSpec {
  name: string;
  boost: number;
}

/** Collection statistics for BM25: document count, document frequencies, average field lengths. */
export interface CollectionStats {
  docCount: number;
  df(term: string): number;
  avgFieldLength: number[];
}

const K1 = 1.2;
const B = 0.75;

function idf(df: number, n: number): number {
  // lunr.idf: log(1 + |(N - df + 0.5) / (df + 0.5)|)
  return Math.log(1 + Math.abs((n - df + 0.5) / (df + 0.5)));
}

/**
 * A growable list of int32 in fixed-size chunks: growing never copies (a doubling array briefly
 * holds old and new copy: hundreds of MB for a large base), and a consumer reading it front to back
 * can release chunks it has passed (`releaseBefore`).
 */
class ChunkedIntList {
  private static readonly SHIFT = 20; // 1M ints (4 MB) per chunk
  private static readonly SIZE = 1 << ChunkedIntList.SHIFT;
  private static readonly MASK = ChunkedIntList.SIZE - 1;
  private readonly chunks: (Int32Array | null)[] = [];
  length = 0;

  push(v: number): void {
    const c = this.length >>> ChunkedIntList.SHIFT;
    if (c === this.chunks.length) this.chunks.push(new Int32Array(ChunkedIntList.SIZE));
    this.chunks[c]![this.length & ChunkedIntList.MASK] = v;
    this.length++;
  }

  get(i: number): number {
    return this.chunks[i >>> ChunkedIntList.SHIFT]![i & ChunkedIntList.MASK]!;
  }

  set(i: number, v: number): void {
    this.chunks[i >>> ChunkedIntList.SHIFT]![i & ChunkedIntList.MASK] = v;
  }

  /** Frees the chunks wholly before index `i` (they must not be read again). */
  releaseBefore(i: number): void {
    for (let c = (i >>> ChunkedIntList.SHIFT) - 1; c >= 0 && this.chunks[c]; c--) this.chunks[c] = null;
  }
}

/**
 * Collects analysed documents and produces a Segment. Memory-lean by design, since a full build
 * holds a whole library at once: per document field only its distinct terms with their
 * frequencies, as int pairs in chunked typed arrays (8 bytes per posting, no JS object per term or
 * posting); the postings are derived from these pairs in `build`, which releases them as it goes.
 */
export class SegmentBuilder {
  private readonly termIds = new Map<string, number>();
  private readonly termNames: string[] = [];
  private readonly lastRef = new ChunkedIntList();
  private readonly dfs = new ChunkedIntList();
  private readonly refs: string[] = [];
  private readonly stamps: string[] = [];
  // Per document field, in insertion order: [termId, tf] pairs.
  private readonly pairs = new ChunkedIntList();
  private readonly pairStart = new ChunkedIntList();
  private readonly fieldLengths = new ChunkedIntList();
  /** Occurrences per term number within the field being added (zero between fields). */
  private counts = new Int32Array(1024);
  private readonly touched: number[] = [];
  private built = false;

  constructor(readonly fields: FieldSpec[]) {
    this.pairStart.push(0);
  }

  get size(): number {
    return this.refs.length;
  }

  /** `terms[f]` are the analysed terms of field f, in text order (repeats count as frequency). */
  add(docId: string, stamp: string, terms: string[][]): void {
    const ids = terms.map((list) => list.map((t) => this.intern(t)));
    this.addIds(docId, stamp, ids);
  }

  /**
   * The number of `term` in this builder (a new one for a term not seen before). Builds that
   * analyse each distinct word once (see indexTerms.ts) keep these numbers and add documents as
   * numbers only (`addIds`): no string is hashed per word occurrence.
   */
  intern(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termNames.length;
      const own = detach(term); // not a view of the document text (see detach)
      this.termIds.set(own, id);
      this.termNames.push(own);
      this.lastRef.push(-1);
      this.dfs.push(0);
      if (id >= this.counts.length) {
        const grown = new Int32Array(this.counts.length * 2);
        grown.set(this.counts);
        this.counts = grown;
      }
    }
    return id;
  }

  /** Terms numbered so far (see `intern`). */
  get termCount(): number {
    return this.termNames.length;
  }

  /** The term with number `id` (before `build`). */
  termName(id: number): string {
    return this.termNames[id]!;
  }

  /**
   * Like `add`, with terms given by their numbers (`intern`); `lengths[f]`, if given, is how many
   * entries of `ids[f]` belong to field f (so callers can reuse their arrays).
   */
  addIds(docId: string, stamp: string, ids: ArrayLike<number>[], lengths?: ArrayLike<number>): void {
    if (this.built) throw new Error('SegmentBuilder: bereits gebaut');
    const ref = this.refs.length;
    this.refs.push(docId);
    this.stamps.push(stamp);
    const F = this.fields.length;
    const counts = this.counts;
    const touched = this.touched;
    for (let f = 0; f < F; f++) {
      touched.length = 0;
      const list = ids[f];
      const n = list ? (lengths ? lengths[f]! : list.length) : 0;
      for (let i = 0; i < n; i++) {
        const id = list![i]!;
        if (counts[id] === 0) {
          touched.push(id);
          if (this.lastRef.get(id) !== ref) {
            this.lastRef.set(id, ref);
            this.dfs.set(id, this.dfs.get(id) + 1);
          }
        }
        counts[id]!++;
      }
      for (const id of touched) {
        this.pairs.push(id);
        this.pairs.push(counts[id]!);
        counts[id] = 0;
      }
      this.pairStart.push(this.pairs.length);
      this.fieldLengths.push(n);
    }
  }

  /** This builder's own statistics merged with another collection's (for a delta segment). */
  statsWith(other: CollectionStats | null): CollectionStats {
    const F = this.fields.length;
    const own = this.ownFieldLengthSums();
    const n = this.refs.length + (other?.docCount ?? 0);
    const avg = own.map((sum, f) => {
      const otherSum = other ? other.avgFieldLength[f]! * other.docCount : 0;
      return n > 0 ? (sum + otherSum) / n : 0;
    });
    return {
      docCount: n,
      avgFieldLength: avg.length === F ? avg : new Array<number>(F).fill(0),
      df: (term) => {
        const id = this.termIds.get(term);
        return (id === undefined ? 0 : this.dfs.get(id)) + (other ? other.df(term) : 0);
      },
    };
  }

  private ownFieldLengthSums(): number[] {
    const F = this.fields.length;
    const sums = new Array<number>(F).fill(0);
    for (let i = 0; i < this.fieldLengths.length; i++) sums[i % F]! += this.fieldLengths.get(i);
    return sums;
  }

  /**
   * The segment. BM25 weights as lunr.Builder#createFieldVectors computes them (k1 1.2, b 0.75,
   * field boost, rounded to 3 decimals), one per posting; the document frequency counts documents
   * (lunr counts a document once per field holding the term). Consumes the builder: its pairs are released while the postings
   * are filled, so the build never holds both in full.
   */
  build(options: { statsFrom?: CollectionStats | null; vocabulary?: CompoundVocabulary | null } = {}): Segment {
    if (this.built) throw new Error('SegmentBuilder: bereits gebaut');
    const F = this.fields.length;
    const R = this.refs.length;
    const stats = this.statsWith(options.statsFrom ?? null);
    // Terms in sorted order: term index = position (lunr's `_index`).
    const order = Int32Array.from(this.termNames.keys()).sort((a, b) => (this.termNames[a]! < this.termNames[b]! ? -1 : 1));
    const T = order.length;
    const newId = new Int32Array(T);
    for (let i = 0; i < T; i++) newId[order[i]!] = i;
    const terms = new Array<string>(T);
    const df = new Int32Array(T);
    const idfs = new Float64Array(T);
    for (let i = 0; i < T; i++) {
      const old = order[i]!;
      const name = this.termNames[old]!;
      terms[i] = name;
      df[i] = this.dfs.get(old);
      idfs[i] = idf(stats.df(name), stats.docCount);
    }
    this.termIds.clear();
    this.termNames.length = 0;
    this.built = true;

    // Postings grouped by term then field; refs ascend because documents are visited in order.
    const postStart = new Int32Array(T * F + 1);
    for (let d = 0; d < R * F; d++) {
      const f = d % F;
      for (let i = this.pairStart.get(d); i < this.pairStart.get(d + 1); i += 2) postStart[newId[this.pairs.get(i)]! * F + f]!++;
    }
    let total = 0;
    for (let k = 0; k < T * F; k++) {
      const n = postStart[k]!;
      postStart[k] = total;
      total += n;
    }
    postStart[T * F] = total;
    const postRefs = new Int32Array(total);
    const postW = new Float32Array(total);
    const cursor = postStart.slice(0, T * F);
    const boosts = this.fields.map((x) => x.boost);
    const avgs = stats.avgFieldLength.map((a) => a || 1);
    for (let d = 0; d < R * F; d++) {
      const ref = (d - (d % F)) / F;
      const f = d % F;
      const norm = K1 * (1 - B + B * (this.fieldLengths.get(d) / avgs[f]!));
      const end = this.pairStart.get(d + 1);
      for (let i = this.pairStart.get(d); i < end; i += 2) {
        const t = newId[this.pairs.get(i)]!;
        const tf = this.pairs.get(i + 1);
        const score = ((idfs[t]! * ((K1 + 1) * tf)) / (norm + tf)) * boosts[f]!;
        const pos = cursor[t * F + f]!++;
        postRefs[pos] = ref;
        postW[pos] = Math.round(score * 1000) / 1000;
      }
      this.pairs.releaseBefore(this.pairStart.get(d));
    }
    this.pairs.releaseBefore(this.pairs.length + (1 << 20));
    const fieldLenSum = new Float64Array(this.ownFieldLengthSums());
    return new Segment({
      fields: this.fields,
      refs: this.refs,
      stamps: this.stamps,
      terms,
      df,
      postStart,
      postRefs,
      postW,
      fieldLenSum,
      vocabulary: options.vocabulary ?? null,
    });
  }
}

interface SegmentData {
  fields: FieldSpec[];
  refs: string[];
  stamps: string[];
  terms: string[];
  df: Int32Array;
  postStart: Int32Array;
  postRefs: Int32Array;
  postW: Float32Array;
  fieldLenSum: Float64Array;
  vocabulary: CompoundVocabulary | null;
}

const MAGIC = 0x32535751; // "QWS2": per-posting weights instead of per-document vectors
/** Index terms for exact written forms and spellings start with these marks (see germanAnalyzer). */
const EXACT_MARKS = new Set(['=', '~']);

export class Segment {
  readonly fields: FieldSpec[];
  readonly refs: string[];
  readonly stamps: string[];
  readonly terms: string[];
  readonly df: Int32Array;
  private readonly postStart: Int32Array;
  private readonly postRefs: Int32Array;
  /** BM25 weight of each posting (field boost included), parallel to postRefs. */
  private readonly postW: Float32Array;
  readonly fieldLenSum: Float64Array;
  readonly vocabulary: CompoundVocabulary | null;
  /** Terms are sorted (code units, as `build` orders them): looked up by binary search, no Map of every term to build at load. */
  readonly refIndex: Map<string, number>;
  /** Documents masked in this segment: edited (newer copy in a later segment) or deleted. */
  readonly tombstones = new Set<string>();
  private fullTokenSet: lunr.TokenSet | null = null;

  constructor(d: SegmentData) {
    this.fields = d.fields;
    this.refs = d.refs;
    this.stamps = d.stamps;
    this.terms = d.terms;
    this.df = d.df;
    this.postStart = d.postStart;
    this.postRefs = d.postRefs;
    this.postW = d.postW;
    this.fieldLenSum = d.fieldLenSum;
    this.vocabulary = d.vocabulary;
    this.refIndex = new Map();
    for (let i = 0; i < d.refs.length; i++) this.refIndex.set(d.refs[i]!, i);
  }

  get docCount(): number {
    return this.refs.length;
  }

  get liveCount(): number {
    let n = 0;
    for (const id of this.tombstones) if (this.refIndex.has(id)) n++;
    return this.refs.length - n;
  }

  /** Statistics of this segment, for weighting a delta against it. */
  stats(): CollectionStats {
    const n = this.refs.length;
    return {
      docCount: n,
      avgFieldLength: [...this.fieldLenSum].map((s) => (n > 0 ? s / n : 0)),
      df: (term) => {
        const i = this.termId(term);
        return i < 0 ? 0 : this.df[i]!;
      },
    };
  }

  has(docId: string): boolean {
    return this.refIndex.has(docId) && !this.tombstones.has(docId);
  }

  /** Terms starting with `prefix`, most frequent first. */
  prefixTerms(prefix: string, limit: number): { term: string; df: number }[] {
    let lo = 0;
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.terms[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: { term: string; df: number }[] = [];
    for (let i = lo; i < this.terms.length && this.terms[i]!.startsWith(prefix); i++) {
      out.push({ term: this.terms[i]!, df: this.df[i]! });
    }
    out.sort((a, b) => b.df - a.df);
    return out.slice(0, limit);
  }

  /** Term number of `term`, or -1. */
  termId(term: string): number {
    const terms = this.terms;
    let lo = 0;
    let hi = terms.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const t = terms[mid]!;
      if (t < term) lo = mid + 1;
      else if (t > term) hi = mid - 1;
      else return mid;
    }
    return -1;
  }

  /** Documents containing `term` in any field (0 if unknown). */
  termDf(term: string): number {
    const t = this.termId(term);
    return t < 0 ? 0 : this.df[t]!;
  }

  /**
   * Adds Σ_f mult[f] × BM25(term, ref, f) (field boosts included) to `acc[ref]` for every
   * document containing `term`; `touched` collects each ref once (`mark` remembers which). Returns
   * false if the term is unknown. Tombstoned documents are included; callers drop them.
   */
  accumulate(term: string, mult: ArrayLike<number>, acc: Float64Array, touched: number[], mark: Uint8Array): boolean {
    const t = this.termId(term);
    if (t < 0) return false;
    const F = this.fields.length;
    const w = this.postW;
    let any = false;
    for (let f = 0; f < F; f++) {
      const m = mult[f] ?? 0;
      if (m === 0) continue;
      const end = this.postStart[t * F + f + 1]!;
      for (let i = this.postStart[t * F + f]!; i < end; i++) {
        const r = this.postRefs[i]!;
        if (mark[r] === 0) {
          mark[r] = 1;
          touched.push(r);
        }
        acc[r]! += w[i]! * m;
        any = true;
      }
    }
    return any;
  }

  /** Index terms within edit distance `d` of `term` (lunr's TokenSet automaton). */
  fuzzyTerms(term: string, d: number): string[] {
    const ts = lunr.TokenSet as unknown as { fromFuzzyString(s: string, d: number): lunr.TokenSet };
    return this.tokenSet().intersect(ts.fromFuzzyString(term, d)).toArray();
  }

  /** lunr's TokenSet over all terms (a minimal automaton), needed for edit-distance queries. */
  tokenSet(): lunr.TokenSet {
    // fromArray exists in lunr 2.3 but is missing from @types/lunr.
    const ts = lunr.TokenSet as unknown as { fromArray(a: string[]): lunr.TokenSet };
    // Exact-form terms ("=häuser") are looked up directly, never by edit distance.
    this.fullTokenSet ??= ts.fromArray(this.terms.filter((t) => !EXACT_MARKS.has(t[0]!)));
    return this.fullTokenSet;
  }

  get hasTokenSet(): boolean {
    return this.fullTokenSet !== null;
  }

  /**
   * This segment without the given documents, as if they had never been added (issue 7:
   * deletion means deletion): their refs, stamps and postings go, and so does every term only
   * they had, and every compound-vocabulary word whose exact form ("=wort") was only theirs.
   * Edits the postings directly, without analysing any text again: O(postings).
   *
   * The remaining BM25 weights keep the collection statistics they were built with (the next
   * merge recomputes them); field-length sums are scaled so the average field lengths stay as
   * they were, since per-document lengths are not kept.
   */
  without(docIds: Iterable<string>): Segment {
    const R = this.refs.length;
    const drop = new Uint8Array(R);
    let dropped = 0;
    for (const id of docIds) {
      const r = this.refIndex.get(id);
      if (r !== undefined && drop[r] === 0) {
        drop[r] = 1;
        dropped++;
      }
    }
    if (dropped === 0) return this;
    const newRef = new Int32Array(R);
    const refs: string[] = [];
    const stamps: string[] = [];
    for (let r = 0; r < R; r++) {
      if (drop[r]) {
        newRef[r] = -1;
        continue;
      }
      newRef[r] = refs.length;
      refs.push(this.refs[r]!);
      stamps.push(this.stamps[r]!);
    }
    const F = this.fields.length;
    const T = this.terms.length;
    // Pass 1: per term, the postings and the documents that stay.
    const keptDf = new Int32Array(T);
    let kept = 0;
    const seen: number[] = [];
    for (let t = 0; t < T; t++) {
      seen.length = 0;
      for (let i = this.postStart[t * F]!; i < this.postStart[t * F + F]!; i++) {
        const r = this.postRefs[i]!;
        if (drop[r]) {
          if (!seen.includes(r)) seen.push(r);
        } else kept++;
      }
      keptDf[t] = this.df[t]! - seen.length;
    }
    // Pass 2: copy what stays; a term without any document left goes entirely.
    const terms: string[] = [];
    const goneTerms = new Set<string>();
    for (let t = 0; t < T; t++) {
      if (keptDf[t]! > 0) terms.push(this.terms[t]!);
      else goneTerms.add(this.terms[t]!);
    }
    const df = new Int32Array(terms.length);
    const postStart = new Int32Array(terms.length * F + 1);
    const postRefs = new Int32Array(kept);
    const postW = new Float32Array(kept);
    let nt = 0;
    let pos = 0;
    for (let t = 0; t < T; t++) {
      if (keptDf[t]! <= 0) continue;
      df[nt] = keptDf[t]!;
      for (let f = 0; f < F; f++) {
        postStart[nt * F + f] = pos;
        for (let i = this.postStart[t * F + f]!; i < this.postStart[t * F + f + 1]!; i++) {
          const r = newRef[this.postRefs[i]!]!;
          if (r < 0) continue;
          postRefs[pos] = r;
          postW[pos] = this.postW[i]!;
          pos++;
        }
      }
      nt++;
    }
    postStart[nt * F] = pos;
    const scale = R > 0 ? refs.length / R : 0;
    let vocabulary = this.vocabulary;
    if (vocabulary) {
      const words = vocabulary.toJSON();
      const left = words.words.filter(([w]) => !goneTerms.has(`=${w}`));
      if (left.length !== words.words.length) vocabulary = CompoundVocabulary.fromJSON({ minDf: words.minDf, words: left });
    }
    const seg = new Segment({
      fields: this.fields,
      refs,
      stamps,
      terms,
      df,
      postStart,
      postRefs,
      postW,
      fieldLenSum: this.fieldLenSum.map((s) => s * scale),
      vocabulary,
    });
    for (const id of this.tombstones) if (seg.refIndex.has(id)) seg.tombstones.add(id);
    return seg;
  }

  // ——— codec ———

  serialize(): Buffer {
    const header = Buffer.from(
      JSON.stringify({
        format: 2,
        fields: this.fields,
        refs: this.refs,
        stamps: this.stamps,
        fieldLenSum: [...this.fieldLenSum],
        vocabulary: this.vocabulary ? this.vocabulary.toJSON() : null,
        lengths: {
          df: this.df.length,
          postStart: this.postStart.length,
          postRefs: this.postRefs.length,
          postW: this.postW.length,
        },
      }),
      'utf8',
    );
    const termsBuf = Buffer.from(this.terms.join('\n'), 'utf8');
    const pad = (n: number) => (4 - (n % 4)) % 4;
    const head = Buffer.alloc(12);
    head.writeUInt32LE(MAGIC, 0);
    head.writeUInt32LE(header.length, 4);
    head.writeUInt32LE(termsBuf.length, 8);
    const parts: Buffer[] = [head, header, Buffer.alloc(pad(header.length)), termsBuf, Buffer.alloc(pad(termsBuf.length))];
    for (const a of [this.df, this.postStart, this.postRefs, this.postW]) {
      parts.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    }
    return Buffer.concat(parts);
  }

  static deserialize(buf: Buffer): Segment {
    if (buf.length < 12 || buf.readUInt32LE(0) !== MAGIC) throw new Error('Kein Suchindex-Segment (Format unbekannt)');
    const headerLen = buf.readUInt32LE(4);
    const termsLen = buf.readUInt32LE(8);
    const pad = (n: number) => (4 - (n % 4)) % 4;
    let off = 12;
    const h = JSON.parse(buf.toString('utf8', off, off + headerLen)) as {
      fields: FieldSpec[];
      refs: string[];
      stamps: string[];
      fieldLenSum: number[];
      vocabulary: VocabularyJSON | null;
      lengths: Record<'df' | 'postStart' | 'postRefs' | 'postW', number>;
    };
    off += headerLen + pad(headerLen);
    const termsText = buf.toString('utf8', off, off + termsLen);
    const terms = termsLen === 0 ? [] : termsText.split('\n');
    off += termsLen + pad(termsLen);
    // Copy into aligned memory (a BLOB from SQLite has no alignment guarantee).
    const ints = (n: number) => {
      const a = new Int32Array(n);
      new Uint8Array(a.buffer).set(buf.subarray(off, off + n * 4));
      off += n * 4;
      return a;
    };
    const df = ints(h.lengths.df);
    const postStart = ints(h.lengths.postStart);
    const postRefs = ints(h.lengths.postRefs);
    const postW = new Float32Array(h.lengths.postW);
    new Uint8Array(postW.buffer).set(buf.subarray(off, off + h.lengths.postW * 4));
    return new Segment({
      fields: h.fields,
      refs: h.refs,
      stamps: h.stamps,
      terms,
      df,
      postStart,
      postRefs,
      postW,
      fieldLenSum: new Float64Array(h.fieldLenSum),
      vocabulary: h.vocabulary ? CompoundVocabulary.fromJSON(h.vocabulary) : null,
    });
  }
}
