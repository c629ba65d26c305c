import { describe, expect, it } from 'vitest';
import { CompoundVocabulary, GermanAnalyzer } from '../../../electron/services/search/germanAnalyzer';
import { topK } from '../../../electron/services/search/SearchEngine';
import { SegmentBuilder } from '../../../electron/services/search/Segment';
import { combine, editDistance, prepareQuery, proximityNeedles, proximityShare } from '../../../electron/services/search/queryMatcher';
import { makeSnippet, markSnippet } from '../../../electron/services/search/snippets';
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
    expect(parseQuery('"offen bleibt').hints).toContainEqual({ code: 'quote-unclosed' });
    expect(parseQuery('x'.repeat(10_000)).hints.map((h) => h.code)).toContain('query-too-long');
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

  it('ranks documents with all words first and the title match above the body match', () => {
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

describe('scoring: OR with coordination, compound parts, exact forms', () => {
  const df = new Map<string, number>();
  for (const w of ['jugend', 'haus', 'arbeit', 'politik', 'quartier', 'entwicklung', 'projekt']) df.set(w, 50);
  const a = new GermanAnalyzer(CompoundVocabulary.fromWordDf(df, 1000));
  const fields = [
    { name: 'title', boost: 2 },
    { name: 'body', boost: 1 },
    { name: 'parts', boost: 0.5 },
    { name: 'forms', boost: 1 },
  ];
  const build = (docs: Record<string, string>) => {
    const b = new SegmentBuilder(fields);
    for (const [id, body] of Object.entries(docs)) {
      const r = a.analyze(body);
      b.add(id, '', [[], r.terms, r.parts, r.forms]);
    }
    return b.build();
  };
  const filler = 'Heute sprechen wir im Rat über viele Dinge und Vorhaben der Stadt.';
  const docs: Record<string, string> = {
    // One rare word, many times.
    rare: `Zeppelin Zeppelin Zeppelin Zeppelin. ${filler}`,
    // Both words once.
    both: `Der Zeppelin fliegt über das Quartier. ${filler}`,
    quartier: `Das Quartier. ${filler}`,
    whole: `Die Entwicklung im Stadtteil. ${filler}`,
    compound: `Die Quartiersentwicklung im Stadtteil. ${filler}`,
    politik: `Politik und Politik. ${filler}`,
    politikers: `Die Rede des Politikers. ${filler}`,
    other1: filler,
    other2: filler,
    other3: filler,
  };
  const seg = build(docs);
  const run = (q: string) => {
    const c = combine(prepareQuery(q, a, false), [seg], a);
    return { ids: [...c.scores].sort((x, y) => y[1] - x[1]).map(([id]) => id), c };
  };

  it('ranks a document with all words above one with a single rare word, and keeps both', () => {
    const r = run('Zeppelin Quartier');
    expect(r.ids[0]).toBe('both');
    expect(r.ids).toContain('rare');
    expect(r.ids.indexOf('both')).toBeLessThan(r.ids.indexOf('rare'));
    expect(r.c.partial).toBe(false);
  });

  it('finds a compound through its part, below the word itself', () => {
    const r = run('Entwicklung');
    expect(r.ids.slice(0, 2)).toEqual(['whole', 'compound']);
    expect(run('Quartier').ids).toContain('compound');
  });

  it('ranks the exact written form above another form of the same stem', () => {
    expect(run('Politikers').ids[0]).toBe('politikers');
    expect(run('Politik').ids).toEqual(expect.arrayContaining(['politik', 'politikers']));
  });

  it('matches a typo with the exact-form evidence of the corrected word', () => {
    expect(run('Zepelin').ids[0]).toBe('rare');
  });
});

describe('helpers', () => {
  it('editDistance counts an adjacent transposition as one edit', () => {
    expect(editDistance('verantwortung', 'verantwrotung', 2)).toBe(1);
    expect(editDistance('haus', 'maus', 2)).toBe(1);
    expect(editDistance('haus', 'hausmeister', 2)).toBe(3);
  });

  it('topK returns the k best in order without sorting everything', () => {
    const xs = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
    expect(topK(xs, 5, (p, q) => q - p)).toEqual([999, 998, 997, 996, 995]);
    expect(topK([3, 1, 2], 10, (p, q) => p - q)).toEqual([1, 2, 3]);
  });
});

describe('snippets', () => {
  const df = new Map<string, number>([['quartier', 50], ['entwicklung', 50]]);
  const a = new GermanAnalyzer(CompoundVocabulary.fromWordDf(df, 1000));
  it('finds a match deep in a long text and marks compounds and umlaut spellings', () => {
    const text = `${'Ein Satz ohne Bezug. '.repeat(3000)}Die Quartiersentwicklung braucht Bürger. ${'Noch ein Satz. '.repeat(100)}`;
    const terms = new Map([
      [a.analyzeWord('Entwicklung').term, 0],
      [a.analyzeWord('Buerger').term, 1],
    ]);
    const s = makeSnippet(text, a, terms, 2);
    expect(markSnippet(s)).toContain('«Quartiersentwicklung» braucht «Bürger»');
    expect(s.snippet.length).toBeLessThan(300);
  });
});

describe('proximity of query words', () => {
  const analyzer = new GermanAnalyzer(CompoundVocabulary.empty());
  const needles = (q: string) => proximityNeedles(prepareQuery(q, analyzer, false).words);

  it('counts neighbouring query words that stand close, in any inflection, order or case', () => {
    const n = needles('sozialer Zusammenhalt');
    expect(proximityShare(['Für den sozialen Zusammenhalt im Quartier.'], n)).toBe(1);
    expect(proximityShare(['Der Zusammenhalt, sozial gedacht.'], n)).toBe(1);
    const far = `Soziale Fragen. ${'Lorem ipsum dolor sit amet. '.repeat(4)}Der Zusammenhalt wächst.`;
    expect(proximityShare([far], n)).toBe(0);
    // Umlauts typed as ae/oe/ue find the written umlaut, and the other way round.
    expect(proximityShare(['Neue Bürgerhäuser entstehen.'], needles('neue Buergerhaeuser'))).toBe(1);
    expect(proximityShare(['Neue Buergerhaeuser entstehen.'], needles('neue Bürgerhäuser'))).toBe(1);
  });

  it('gives the share of close pairs, only at word starts, and 0 for one word', () => {
    const n = needles('Mut Lücke Quartier');
    expect(proximityShare(['Mut zur Lücke. Weit weg, viel später, ganz am Ende: das Quartier.'], n)).toBe(0.5);
    // "Armut" contains "mut", but not at a word start.
    expect(proximityShare(['Armut zur Lücke.'], needles('Mut Lücke'))).toBe(0);
    expect(proximityShare(['Mut'], needles('Mut'))).toBe(0);
    // Title and body are separate texts: the end of one is not next to the start of the other.
    expect(proximityShare(['Mut', 'Lücke'], needles('Mut Lücke'))).toBe(0);
  });
});
