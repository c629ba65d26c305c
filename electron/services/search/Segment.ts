import lunr from 'lunr';
import { CompoundVocabulary } from './germanAnalyzer';

/**
 * One immutable index segment (ARCHITECTURE §5: "lunr made live like Lucene segments").
 *
 * A segment holds exactly what a built `lunr.Index` holds — the inverted index, one BM25 vector
 * per document field, the term list — but in a compact columnar codec (typed arrays), so that it
 * serialises into one SQLite BLOB and loads without re-parsing millions of small JSON objects.
 * The BM25 weights are computed exactly as `lunr.Builder#createFieldVectors` does, but with
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

class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/** Collects analysed documents and produces a Segment. */
export class SegmentBuilder {
  private readonly termIds = new Map<string, number>();
  private readonly termNames: string[] = [];
  private readonly postings: number[][] = []; // per term: codes ref*F+f, in insertion order
  private readonly lastRef: number[] = [];
  private readonly dfs: number[] = [];
  private readonly refs: string[] = [];
  private readonly stamps: string[] = [];
  // Per document field, in insertion order: [termId, tf] pairs.
  private readonly pairs = new IntList(1 << 16);
  private readonly pairStart = new IntList(1024);
  private readonly fieldLengths = new IntList(1024);

  constructor(readonly fields: FieldSpec[]) {
    this.pairStart.push(0);
  }

  get size(): number {
    return this.refs.length;
  }

  /** `terms[f]` are the analysed terms of field f, in text order (repeats count as frequency). */
  add(docId: string, stamp: string, terms: string[][]): void {
    const ref = this.refs.length;
    this.refs.push(docId);
    this.stamps.push(stamp);
    const F = this.fields.length;
    const tf = new Map<number, number>();
    for (let f = 0; f < F; f++) {
      tf.clear();
      const list = terms[f] ?? [];
      for (const term of list) {
        let id = this.termIds.get(term);
        if (id === undefined) {
          id = this.termNames.length;
          this.termIds.set(term, id);
          this.termNames.push(term);
          this.postings.push([]);
          this.lastRef.push(-1);
          this.dfs.push(0);
        }
        const n = tf.get(id);
        if (n === undefined) {
          tf.set(id, 1);
          this.postings[id]!.push(ref * F + f);
          if (this.lastRef[id] !== ref) {
            this.lastRef[id] = ref;
            this.dfs[id]!++;
          }
        } else tf.set(id, n + 1);
      }
      for (const [id, n] of tf) {
        this.pairs.push(id);
        this.pairs.push(n);
      }
      this.pairStart.push(this.pairs.length);
      this.fieldLengths.push(list.length);
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
        return (id === undefined ? 0 : this.dfs[id]!) + (other ? other.df(term) : 0);
      },
    };
  }

  private ownFieldLengthSums(): number[] {
    const F = this.fields.length;
    const sums = new Array<number>(F).fill(0);
    for (let i = 0; i < this.fieldLengths.length; i++) sums[i % F]! += this.fieldLengths.data[i]!;
    return sums;
  }

  build(options: { statsFrom?: CollectionStats | null; vocabulary?: CompoundVocabulary | null } = {}): Segment {
    const F = this.fields.length;
    const R = this.refs.length;
    const stats = this.statsWith(options.statsFrom ?? null);
    // Terms in sorted order: term index = position (lunr's `_index`), vectors sorted by it.
    const order = this.termNames.map((_, i) => i).sort((a, b) => (this.termNames[a]! < this.termNames[b]! ? -1 : 1));
    const T = order.length;
    const newId = new Int32Array(T);
    order.forEach((old, i) => (newId[old] = i));
    const terms = order.map((i) => this.termNames[i]!);
    const df = new Int32Array(T);
    const idfs = new Float64Array(T);
    order.forEach((old, i) => {
      df[i] = this.dfs[old]!;
      idfs[i] = idf(stats.df(terms[i]!), stats.docCount);
    });

    // Postings, grouped by term then field, refs ascending.
    const postStart = new Int32Array(T * F + 1);
    let total = 0;
    for (const p of this.postings) total += p.length;
    const postRefs = new Int32Array(total);
    let pos = 0;
    for (let t = 0; t < T; t++) {
      const codes = this.postings[order[t]!]!;
      for (let f = 0; f < F; f++) {
        postStart[t * F + f] = pos;
        for (const c of codes) if (c % F === f) postRefs[pos++] = (c - f) / F;
      }
    }
    postStart[T * F] = pos;

    // BM25 vectors per document field, exactly like lunr.Builder#createFieldVectors.
    const vecStart = new Int32Array(R * F + 1);
    const vec = new Float32Array(this.pairs.length); // pairs count * 2 = [termIndex, weight]*
    let v = 0;
    const tmp: [number, number][] = [];
    for (let df_ = 0; df_ < R * F; df_++) {
      vecStart[df_] = v / 2;
      const f = df_ % F;
      const len = this.fieldLengths.data[df_]!;
      const avg = stats.avgFieldLength[f]! || 1;
      const boost = this.fields[f]!.boost;
      tmp.length = 0;
      for (let i = this.pairStart.data[df_]!; i < this.pairStart.data[df_ + 1]!; i += 2) {
        tmp.push([newId[this.pairs.data[i]!]!, this.pairs.data[i + 1]!]);
      }
      tmp.sort((a, b) => a[0] - b[0]);
      for (const [t, tf] of tmp) {
        const score = ((idfs[t]! * ((K1 + 1) * tf)) / (K1 * (1 - B + B * (len / avg)) + tf)) * boost;
        vec[v++] = t;
        vec[v++] = Math.round(score * 1000) / 1000;
      }
    }
    vecStart[R * F] = v / 2;
    const fieldLenSum = new Float64Array(this.ownFieldLengthSums());
    return new Segment({
      fields: this.fields,
      refs: [...this.refs],
      stamps: [...this.stamps],
      terms,
      df,
      postStart,
      postRefs,
      vecStart,
      vec,
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
  vecStart: Int32Array;
  vec: Float32Array;
  fieldLenSum: Float64Array;
  vocabulary: CompoundVocabulary | null;
}

const MAGIC = 0x31535751; // "QWS1"
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
  private readonly vecStart: Int32Array;
  private readonly vec: Float32Array;
  readonly fieldLenSum: Float64Array;
  readonly vocabulary: CompoundVocabulary | null;
  readonly termIndex: Map<string, number>;
  readonly refIndex: Map<string, number>;
  /** Documents masked in this segment: edited (newer copy in a later segment) or deleted. */
  readonly tombstones = new Set<string>();
  private postW: Float32Array | null = null;
  private fullTokenSet: lunr.TokenSet | null = null;

  constructor(d: SegmentData) {
    this.fields = d.fields;
    this.refs = d.refs;
    this.stamps = d.stamps;
    this.terms = d.terms;
    this.df = d.df;
    this.postStart = d.postStart;
    this.postRefs = d.postRefs;
    this.vecStart = d.vecStart;
    this.vec = d.vec;
    this.fieldLenSum = d.fieldLenSum;
    this.vocabulary = d.vocabulary;
    this.termIndex = new Map();
    for (let i = 0; i < d.terms.length; i++) this.termIndex.set(d.terms[i]!, i);
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
        const i = this.termIndex.get(term);
        return i === undefined ? 0 : this.df[i]!;
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
    return this.termIndex.get(term) ?? -1;
  }

  /** Documents containing `term` in any field (0 if unknown). */
  termDf(term: string): number {
    const t = this.termIndex.get(term);
    return t === undefined ? 0 : this.df[t]!;
  }

  /**
   * The BM25 weight of each posting (parallel to the postings), taken from the field vectors once:
   * refs ascend within every (term, field) posting list, so one pass over the documents in ref
   * order fills each list in order. Scoring then reads postings directly, with no lunr objects
   * per query (lunr materialises one object per posting: slow for common terms).
   */
  private postingWeights(): Float32Array {
    if (this.postW) return this.postW;
    const F = this.fields.length;
    const w = new Float32Array(this.postRefs.length);
    const cursor = Int32Array.from(this.postStart.subarray(0, this.postStart.length - 1));
    for (let df_ = 0; df_ < this.refs.length * F; df_++) {
      const f = df_ % F;
      for (let i = this.vecStart[df_]!; i < this.vecStart[df_ + 1]!; i++) {
        const t = this.vec[i * 2]!;
        w[cursor[t * F + f]!++] = this.vec[i * 2 + 1]!;
      }
    }
    this.postW = w;
    return w;
  }

  /**
   * Adds Σ_f mult[f] × BM25(term, ref, f) (field boosts included) to `acc[ref]` for every
   * document containing `term`; `touched` collects each ref once (`mark` remembers which). Returns
   * false if the term is unknown. Tombstoned documents are included; callers drop them.
   */
  accumulate(term: string, mult: ArrayLike<number>, acc: Float64Array, touched: number[], mark: Uint8Array): boolean {
    const t = this.termIndex.get(term);
    if (t === undefined) return false;
    const F = this.fields.length;
    const w = this.postingWeights();
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

  // ——— codec ———

  serialize(): Buffer {
    const header = Buffer.from(
      JSON.stringify({
        format: 1,
        fields: this.fields,
        refs: this.refs,
        stamps: this.stamps,
        fieldLenSum: [...this.fieldLenSum],
        vocabulary: this.vocabulary ? this.vocabulary.toJSON() : null,
        lengths: {
          df: this.df.length,
          postStart: this.postStart.length,
          postRefs: this.postRefs.length,
          vecStart: this.vecStart.length,
          vec: this.vec.length,
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
    for (const a of [this.df, this.postStart, this.postRefs, this.vecStart, this.vec]) {
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
      vocabulary: { minDf: number; words: [string, number][] } | null;
      lengths: Record<'df' | 'postStart' | 'postRefs' | 'vecStart' | 'vec', number>;
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
    const vecStart = ints(h.lengths.vecStart);
    const vec = new Float32Array(h.lengths.vec);
    new Uint8Array(vec.buffer).set(buf.subarray(off, off + h.lengths.vec * 4));
    return new Segment({
      fields: h.fields,
      refs: h.refs,
      stamps: h.stamps,
      terms,
      df,
      postStart,
      postRefs,
      vecStart,
      vec,
      fieldLenSum: new Float64Array(h.fieldLenSum),
      vocabulary: h.vocabulary ? CompoundVocabulary.fromJSON(h.vocabulary) : null,
    });
  }
}
