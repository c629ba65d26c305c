import lunr from 'lunr';
import { describe, expect, it } from 'vitest';
import { detach } from '../../../electron/services/search/germanAnalyzer';
import { Segment, SegmentBuilder, type FieldSpec } from '../../../electron/services/search/Segment';
import { mulberry32 } from '../../support/seededRandom';

const FIELDS: FieldSpec[] = [
  { name: 'title', boost: 2 },
  { name: 'body', boost: 1 },
  { name: 'parts', boost: 0.5 },
];

/** Documents of Zipf-distributed words: repeats, shared and rare terms, empty fields. */
function corpus(n: number, seed: number, vocab = 400): { id: string; fields: string[][] }[] {
  const rnd = mulberry32(seed);
  const word = () => `w${Math.floor(vocab ** rnd()) - 1}`;
  const list = (len: number) => Array.from({ length: len }, word);
  return Array.from({ length: n }, (_, i) => ({
    id: `d${i}`,
    fields: [list(Math.floor(rnd() * 6)), list(20 + Math.floor(rnd() * 80)), rnd() < 0.3 ? [] : list(Math.floor(rnd() * 10))],
  }));
}

function build(docs: { id: string; fields: string[][] }[], statsFrom: Segment | null = null): Segment {
  const b = new SegmentBuilder(FIELDS);
  for (const d of docs) b.add(d.id, `s-${d.id}`, d.fields);
  return b.build({ statsFrom: statsFrom ? statsFrom.stats() : null });
}

/** weight[field][term] → Map(ref → BM25 weight) as the segment scores it. */
function weights(seg: Segment): Map<string, number>[] {
  const out = FIELDS.map(() => new Map<string, number>());
  const R = seg.docCount;
  for (const term of seg.terms) {
    FIELDS.forEach((_, f) => {
      const mult = FIELDS.map((__, g) => (g === f ? 1 : 0));
      const acc = new Float64Array(R);
      const touched: number[] = [];
      seg.accumulate(term, mult, acc, touched, new Uint8Array(R));
      for (const r of touched) if (acc[r] !== 0) out[f]!.set(`${term}/${seg.refs[r]}`, acc[r]!);
    });
  }
  return out;
}

describe('Segment', () => {
  it('weights every posting exactly like lunr.Builder (BM25, field boosts, 3 decimals)', () => {
    // lunr's idf counts a document once per field holding the term, the segment once: with a
    // vocabulary of its own per field, both counts agree.
    const docs = corpus(150, 1).map((d) => ({ ...d, fields: d.fields.map((list, f) => list.map((t) => `${'tbp'[f]}${t}`)) }));
    const seg = build(docs);
    const lb = new lunr.Builder();
    lb.ref('id');
    FIELDS.forEach((f, i) => lb.field(f.name, { boost: f.boost, extractor: (d: object) => (d as { fields: string[][] }).fields[i]! }));
    for (const d of docs) lb.add(d);
    const idx = lb.build() as unknown as {
      invertedIndex: Record<string, { _index: number }>;
      fieldVectors: Record<string, { elements: number[] }>;
    };
    const termOf = new Map(Object.entries(idx.invertedIndex).map(([t, p]) => [p._index, t]));
    const ours = weights(seg);
    let n = 0;
    for (const [key, vec] of Object.entries(idx.fieldVectors)) {
      const [field, ref] = key.split('/') as [string, string];
      const f = FIELDS.findIndex((x) => x.name === field);
      for (let i = 0; i < vec.elements.length; i += 2) {
        const w = ours[f]!.get(`${termOf.get(vec.elements[i]!)}/${ref}`);
        expect(w).toBeCloseTo(vec.elements[i + 1]!, 5);
        n++;
      }
    }
    expect(n).toBe(ours.reduce((s, m) => s + m.size, 0));
    expect([...seg.terms]).toEqual(Object.keys(idx.invertedIndex).sort());
  });

  it('builds across several storage chunks (over a million postings) without losing or misplacing one', () => {
    // 4,000 documents × ~150 distinct terms: the builder's pair list spans several 1M-int chunks,
    // which it releases while filling the postings.
    const docs = corpus(4000, 2, 5000).map((d) => ({ ...d, fields: [d.fields[0]!, [...d.fields[1]!, ...d.fields[1]!.map((t) => `${t}x`)], d.fields[2]!] }));
    const seg = build(docs);
    const df = new Map<string, Set<string>>();
    for (const d of docs) for (const list of d.fields) for (const t of list) (df.get(t) ?? df.set(t, new Set()).get(t)!).add(d.id);
    expect(seg.terms.length).toBe(df.size);
    for (const t of ['w0', 'w1', 'w17x', 'w4999']) if (df.has(t)) expect(seg.termDf(t)).toBe(df.get(t)!.size);
    // Reference: the BM25 formula written out, for one body term over every document.
    const avgBody = docs.reduce((s, d) => s + d.fields[1]!.length, 0) / docs.length;
    const term = 'w3x';
    const idf = Math.log(1 + Math.abs((docs.length - df.get(term)!.size + 0.5) / (df.get(term)!.size + 0.5)));
    const got = weights(seg)[1]!;
    for (const d of docs) {
      const tf = d.fields[1]!.filter((t) => t === term).length;
      const expected = tf === 0 ? undefined : Math.round(((idf * 2.2 * tf) / (1.2 * (0.25 + (0.75 * d.fields[1]!.length) / avgBody) + tf)) * 1000) / 1000;
      const w = got.get(`${term}/${d.id}`);
      if (expected === undefined) expect(w).toBeUndefined();
      else expect(w).toBeCloseTo(expected, 5);
    }
  });

  it('weights a delta with the statistics of base + delta, as one build of both would', () => {
    const docs = corpus(120, 3);
    const whole = weights(build(docs));
    const base = build(docs.slice(0, 100));
    const delta = weights(build(docs.slice(100), base));
    let n = 0;
    delta.forEach((m, f) => {
      for (const [key, w] of m) {
        expect(w).toBeCloseTo(whole[f]!.get(key)!, 2);
        n++;
      }
    });
    expect(n).toBeGreaterThan(100);
  });

  it('serialises and loads without changing a weight; rejects an unknown format', () => {
    const seg = build(corpus(80, 4));
    const back = Segment.deserialize(seg.serialize());
    expect(back.refs).toEqual(seg.refs);
    expect(back.stamps).toEqual(seg.stamps);
    expect(weights(back)).toEqual(weights(seg));
    const old = seg.serialize();
    old.writeUInt32LE(0x31535751, 0); // "QWS1": per-document vectors, before PIPELINE_VERSION 5
    expect(() => Segment.deserialize(old)).toThrow(/Format/);
  });

  it('a builder builds once', () => {
    const b = new SegmentBuilder(FIELDS);
    b.add('a', '', [['x'], [], []]);
    b.build();
    expect(() => b.build()).toThrow();
    expect(() => b.add('b', '', [['y'], [], []])).toThrow();
  });
});

describe('detach', () => {
  it('returns an equal string', () => {
    const text = 'Die Quartiersentwicklungsgesellschaft tagt.';
    const word = text.slice(4, 37);
    expect(detach(word)).toBe('Quartiersentwicklungsgesellschaft');
    expect(detach('')).toBe('');
    expect(detach('ä')).toBe('ä');
  });
});
