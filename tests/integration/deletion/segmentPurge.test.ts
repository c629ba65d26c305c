import { describe, expect, it } from 'vitest';
import { Segment, SegmentBuilder } from '../../../electron/services/search/Segment';

const FIELDS = [
  { name: 'title', boost: 2 },
  { name: 'body', boost: 1 },
];

function scores(seg: Segment, term: string): Map<string, number> {
  const acc = new Float64Array(seg.docCount);
  const touched: number[] = [];
  seg.accumulate(term, [1, 1], acc, touched, new Uint8Array(seg.docCount));
  return new Map(touched.map((r) => [seg.refs[r]!, acc[r]!]));
}

describe('Segment#without (purge of deleted documents)', () => {
  it('drops the documents, their own terms and postings; the others score exactly as before, also after a round trip', () => {
    const b = new SegmentBuilder(FIELDS);
    b.add('a', '1', [['haus'], ['haus', 'garten', 'gemeinsam']]);
    b.add('b', '2', [['geheimwort'], ['haus', 'geheimwort', 'garten']]);
    b.add('c', '3', [['platz'], ['garten', 'platz', 'haus', 'haus']]);
    const seg = b.build();
    seg.tombstones.add('b');
    seg.tombstones.add('c');
    const purged = Segment.deserialize(seg.without(['b']).serialize());
    expect(purged.refs).toEqual(['a', 'c']);
    expect(purged.stamps).toEqual(['1', '3']);
    expect(purged.terms).not.toContain('geheimwort');
    expect(purged.termDf('geheimwort')).toBe(0);
    expect(purged.termDf('haus')).toBe(2);
    expect(purged.termDf('garten')).toBe(2);
    for (const t of ['haus', 'garten', 'platz', 'gemeinsam']) {
      const before = scores(seg, t);
      before.delete('b');
      expect(scores(purged, t), t).toEqual(before);
    }
    expect(purged.serialize().includes(Buffer.from('geheimwort'))).toBe(false);
    expect(seg.without(['unbekannt'])).toBe(seg);
  });
});
