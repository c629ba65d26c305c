import { describe, expect, it } from 'vitest';
import { GermanAnalyzer } from '../../../electron/services/search/germanAnalyzer';
import { SegmentBuilder } from '../../../electron/services/search/Segment';
import { combine, prepareQuery } from '../../../electron/services/search/queryMatcher';
import { parseQuery } from '../../../shared/search/parseQuery';

describe('parseQuery', () => {
  it('separates words, phrases and exclusions', () => {
    const p = parseQuery('Quartier "soziale Stadt" -Gewerbe Jugendhaus');
    expect(p.text).toBe('Quartier Jugendhaus');
    expect(p.phrases).toEqual(['soziale Stadt']);
    expect(p.excluded).toEqual(['Gewerbe']);
    expect(p.endsInWord).toBe(true);
    expect(parseQuery('Quartier ').endsInWord).toBe(false);
    expect(parseQuery('„Soziale Stadt“').phrases).toEqual(['Soziale Stadt']);
  });

  it('reads "-büros" after "und" as an ellipsis, not an exclusion', () => {
    expect(parseQuery('Stadtteilzentren und -büros').excluded).toEqual([]);
  });

  it('never throws and explains what it did', () => {
    const inputs: unknown[] = ['"offen', '+', '-', ':', '~', '^', '*', '"', '""', 'a:b~2^3', 'x'.repeat(10_000), '\u0000\u0007', null, 42];
    for (const q of inputs) expect(() => parseQuery(q)).not.toThrow();
    expect(parseQuery('"offen bleibt').hints.join(' ')).toMatch(/Anführungszeichen/);
    expect(parseQuery('x'.repeat(10_000)).hints.join(' ')).toMatch(/sehr lang/);
    expect(parseQuery('+').text).toBe('');
    // Operator characters of lunr's syntax are plain text here: no field or fuzzy syntax.
    expect(parseQuery('Haus~1^2').text).toBe('Haus12');
    expect(parseQuery('~Haus^').text).toBe('Haus');
  });
});

describe('query matching over a segment', () => {
  const a = new GermanAnalyzer();
  const b = new SegmentBuilder([
    { name: 'title', boost: 4 },
    { name: 'body', boost: 1 },
  ]);
  const docs: Record<string, [string, string]> = {
    d1: ['Jugendhaus', 'Das Jugendhaus im Quartier öffnet am Montag.'],
    d2: ['Quartiersmanagement', 'Das Quartiersmanagement lädt zum Stadtteilfest.'],
    d3: ['Gewerbe', 'Gewerbe und Jugendhaus im Quartier.'],
  };
  for (const [id, [title, body]] of Object.entries(docs)) b.add(id, '', [a.analyze(title).terms, a.analyze(body).terms]);
  const seg = b.build();
  const run = (q: string, prefix = false) => [...combine(prepareQuery(q, a, prefix), [seg], a).scores].sort((x, y) => y[1] - x[1]).map(([id]) => id);

  it('ANDs words and ranks the title match first', () => {
    expect(run('Jugendhaus Quartier')).toEqual(['d1', 'd3']);
    expect(run('Jugendhaus -Gewerbe')).toEqual(['d1']);
  });

  it('matches a half-typed word while typing', () => {
    expect(run('Quartiersmanag', true)).toEqual(['d2']);
    // Without prefix mode a half word is not a word.
    expect(run('Quartiersmanag', false)).toEqual([]);
  });

  it('falls back to edit distance 1 for a typo', () => {
    expect(run('Jugendhuas')).toContain('d1');
    expect(run('Stadtteilfets')).toEqual(['d2']);
  });

  it('never throws on malformed input', () => {
    for (const q of ['"', '+', '-', ':', '~', '^', '*', '~2', 'Haus^', 'x'.repeat(10_000), '-Jugendhaus', '""""']) {
      expect(() => run(q, true)).not.toThrow();
    }
  });
});
