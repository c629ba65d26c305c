import { describe, expect, it } from 'vitest';
import { CompoundVocabulary, GermanAnalyzer, fold, stemFolded, tokenize } from '../../../electron/services/search/germanAnalyzer';

/** A vocabulary as a base segment would build it: document frequencies of folded words. */
function vocab(words: string[]): CompoundVocabulary {
  const df = new Map<string, number>();
  for (const w of words) df.set(fold(w), 50);
  return CompoundVocabulary.fromWordDf(df, 1000);
}

const V = vocab(['Quartier', 'Entwicklung', 'Jugend', 'Haus', 'Häuser', 'Bürger', 'Kinder', 'Tages', 'Stätte', 'Stadtteil', 'Zentren', 'Büros', 'Management', 'Wohnung', 'Bau', 'Gesell']);
const a = new GermanAnalyzer(V);
const terms = (text: string) => a.analyze(text).terms;
const all = (text: string) => {
  const r = a.analyze(text);
  return [...r.terms, ...r.parts];
};

describe('German pipeline', () => {
  it('matches umlauts and ß with ae/oe/ue/ss both ways', () => {
    expect(terms('Grüße')).toEqual(terms('Gruesse'));
    expect(terms('Häuser')).toEqual(terms('Haeuser'));
    expect(terms('Bürger')).toEqual(terms('Buerger'));
    expect(terms('Straße')).toEqual(terms('Strasse'));
    expect(terms('Prozeß')).toEqual(terms('Prozess'));
    expect(terms('Öffentlichkeit')).toEqual(terms('Oeffentlichkeit'));
  });

  it('stems inflected forms to one term', () => {
    expect(terms('Häuser')).toEqual(terms('Haus'));
    expect(terms('Häusern')).toEqual(terms('Haus'));
    expect(terms('Entwicklungen')).toEqual(terms('Entwicklung'));
    expect(terms('Kindertagesstätten')).toEqual(terms('Kindertagesstätte'));
    expect(terms('Gentrifizierung')).not.toEqual(terms('Gentrifizierer-Haus'));
  });

  it('drops German stop words, also typed without umlauts', () => {
    expect(terms('der die das und für über')).toEqual([]);
    expect(terms('fuer ueber')).toEqual([]);
    expect(terms('die Quartiersentwicklung')).toEqual([stemFolded('quartiersentwicklung')]);
  });

  it('splits compounds against the vocabulary, with Fugen-elements', () => {
    expect(V.split('quartiersentwicklung')).toEqual(['quartier', 'entwicklung']);
    expect(V.split('jugendhaeuser')).toEqual(['jugend', 'haeuser']);
    // Derivational suffixes are not parts.
    expect(V.split('gesellschaft')).toBeNull();
    // Too short to be a compound.
    expect(V.split('haus')).toBeNull();
    expect(all('Quartiersentwicklung')).toContain(stemFolded('entwicklung'));
    expect(all('Quartiersentwicklung')).toContain(stemFolded('quartier'));
    // Parts go to the lower-weighted parts list, not the words.
    expect(terms('Quartiersentwicklung')).not.toContain(stemFolded('entwicklung'));
    // Head compounds of three-part words: "Tagesstätte" in "Kindertagesstätte".
    expect(all('Kindertagesstätte')).toContain(stemFolded('tagesstaette'));
  });

  it('completes a coordination ellipsis: "Bürger- und Jugendhäuser" has "Bürgerhaus"', () => {
    const t = all('Die Bürger- und Jugendhäuser im Quartier');
    expect(t).toContain(stemFolded('buergerhaus'));
    expect(t).toContain(stemFolded('jugendhaus'));
    expect(t).toContain(stemFolded('haus'));
    // And the other direction: "Stadtteilzentren und -büros" has "Stadtteilbüros".
    expect(terms('Stadtteilzentren und -büros')).toContain(stemFolded('stadtteilbueros'));
  });

  it('keeps legal references and abbreviations as terms', () => {
    expect(terms('nach § 171e BauGB')).toEqual(['§171e', '171e', 'baugb']);
    expect(terms('§§ 34 und 35 BauGB')).toContain('§34');
    expect(terms('SGB II')).toEqual(['sgb', 'ii']);
    expect(terms('Die EU fördert')).toContain('eu');
    // Abbreviations are not stemmed ("BauGB" would otherwise lose nothing, "NGOs" keeps its s).
    expect(terms('NGOs')).toEqual(['ngos']);
  });

  it('handles hyphenated words, soft hyphens and NFD text', () => {
    expect(terms('Bürger-Initiative')).toEqual([stemFolded('buergerinitiative')]);
    expect(a.analyze('Bürger-Initiative').parts).toEqual(expect.arrayContaining([stemFolded('buerger'), stemFolded('initiative')]));
    expect(terms('Quartiers\u00ADentwicklung')).toEqual(terms('Quartiersentwicklung'));
    expect(terms('Gru\u0308ße'.normalize('NFD'))).toEqual(terms('Grüße'));
  });

  it('tokenizes with offsets into the original text', () => {
    const text = 'Das Jugendhaus (§ 171e BauGB)';
    for (const t of tokenize(text)) {
      if (t.kind !== 'legal') expect(text.slice(t.start, t.end)).toBe(t.text);
    }
    const legal = tokenize(text).find((t) => t.kind === 'legal')!;
    expect(text.slice(legal.start, legal.end)).toBe('§ 171e');
  });
});

describe('compound parts at every level, exact forms', () => {
  const v = vocab(['frei', 'Handel', 'Abkommen', 'Handelsabkommen', 'stützen', 'Pfeiler']);
  const b = new GermanAnalyzer(v);

  it('splits parts that are compounds themselves, so any part finds the compound', () => {
    const w = b.analyzeWord('Freihandelsabkommens');
    expect(w.parts).toEqual(expect.arrayContaining([stemFolded('handelsabkommen'), stemFolded('abkommen'), stemFolded('handel')]));
    expect(w.partForms).toEqual(expect.arrayContaining(['=abkommens']));
  });

  it('finds a modifier that is a verb stem with an umlaut ("Stütz-pfeiler")', () => {
    expect(v.split('stuetzpfeiler')).toEqual(['stuetz', 'pfeiler']);
  });

  it('indexes the exact written form (folded) and the spelling of words with umlaut letters', () => {
    const r = b.analyze('Die Politikers Maße');
    expect(r.forms).toEqual(expect.arrayContaining(['=politikers', '=masse', '~maße']));
    expect(r.forms).not.toContain('~politikers');
  });
});
