import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzePressRelease } from '../../../shared/press/analyzePressRelease';
import { extractQuotes } from '../../../shared/press/extractQuotes';
import { personKey, organisationKey, surnameOf } from '../../../shared/press/personName';
import { normalizeText } from '../../../shared/text/normalizeText';
import { evaluatePress } from '../../support/pressEval';
import { CORPUS_DIR } from '../../support/testLibrary';

const REAL = path.join(CORPUS_DIR, 'press', 'zukunftsbuendnis-sozialer-zusammenhalt.txt');

describe.skipIf(!fs.existsSync(REAL))('the real press release (../shared/corpus/press)', () => {
  const a = analyzePressRelease(normalizeText(fs.readFileSync(REAL, 'utf8')));

  it('finds title and publisher (the picture caption above them is neither), no date, no keywords', () => {
    expect(a.title).toBe('Neues Zukunftsbündnis sieht soziale Quartiersentwicklung als Gemeinschaftsaufgabe');
    expect(a.publisher).toBe('Hessisches Ministerium für Wirtschaft, Energie, Verkehr, Wohnen und ländlichen Raum');
    expect(a.date).toBeNull();
    expect(a.keywords).toEqual([]);
  });

  it('extracts all four quotes of the three speakers with roles and organisations, and no programme names', () => {
    const ministry = 'Hessisches Ministerium für Wirtschaft, Energie, Verkehr, Wohnen und ländlichen Raum';
    expect(a.quotes.map((x) => [x.speaker, x.role, x.organisation])).toEqual([
      ['Kaweh Mansoori', 'Wohnungsbauminister', ministry],
      ['Heike Hofmann', 'Sozialministerin', null],
      ['Fabienne Weihrauch', 'Geschäftsführerin', 'LAG Soziale Brennpunkte Hessen e.V.'],
      ['Kaweh Mansoori', 'Wohnungsbauminister', ministry],
    ]);
    const bounds: [string, string][] = [
      ['Die Gründung des Zukunftsbündnisses', 'in unseren Quartieren nachhaltig zu stärken'],
      ['Sozialer Zusammenhalt fußt nicht zuletzt', 'in das Zukunftsbündnis miteinbringen zu dürfen.'],
      ['Die Vernetzung und der Austausch', 'an diesem wichtigen Vorhaben mitzuwirken.'],
      ['Strukturschwache Quartiere stehen', 'das Miteinander für alle lebenswerter zu gestalten.'],
    ];
    bounds.forEach(([begins, ends], i) => {
      expect(a.quotes[i]!.text.startsWith(begins)).toBe(true);
      expect(a.quotes[i]!.text.endsWith(ends)).toBe(true);
    });
    expect(a.quotes.some((x) => x.text === 'Sozialer Zusammenhalt' || x.text === 'Zusammen mehr erleben')).toBe(false);
    expect(a.quotes[1]!.text).toContain('Ich freue mich, die Kenntnisse und Erfahrungen meines Ressorts');
  });
});

describe('attribution patterns (each on its own)', () => {
  const one = (text: string) => extractQuotes(normalizeText(text)).map((q) => [q.speaker, q.role, q.text]);

  it('„…“, so X / „…“, sagte Ministerin X / X ergänzte: „…“', () => {
    expect(one('„Wir bauen das Haus gemeinsam um“, so Stadtrat Jan Berg.')).toEqual([['Jan Berg', 'Stadtrat', 'Wir bauen das Haus gemeinsam um']]);
    expect(one('„Das ist ein guter Tag für alle“, sagte Ministerin Dr. Eva Roth.')).toEqual([['Eva Roth', 'Ministerin', 'Das ist ein guter Tag für alle']]);
    expect(one('Eva Roth ergänzte: „Wir bleiben dran.“')).toEqual([['Eva Roth', null, 'Wir bleiben dran.']]);
  });

  it('X betonte, „…“ and a quote continued after the attribution', () => {
    expect(one('Eva Roth betonte, „ohne Nachbarschaft gibt es keine Stadt“.')).toEqual([['Eva Roth', null, 'ohne Nachbarschaft gibt es keine Stadt']]);
    expect(one('„Das ist der erste Schritt“, sagte Jan Berg. „Weitere werden folgen.“').map((x) => x[0])).toEqual(['Jan Berg', 'Jan Berg']);
    expect(one('„Wir fangen an“, so Jan Berg, „und hören nicht auf.“').map((x) => x[0])).toEqual(['Jan Berg', 'Jan Berg']);
  });

  it('„die Ministerin“ / „er“ / „sie“ refer to the person named before, by role and gender', () => {
    const text = 'Ministerin Eva Roth und Bürgermeister Jan Berg eröffneten das Haus.\n\n„Ein großer Tag für das Viertel“, sagte er.\n\n„Wir haben lange darauf gewartet“, so die Ministerin.';
    expect(one(text).map((x) => x[0])).toEqual(['Jan Berg', 'Eva Roth']);
  });

  it('does not attribute programme names, unnamed or several speakers', () => {
    expect(one('Das Programm „Sozialer Zusammenhalt“ fördert Quartiere.')).toEqual([]);
    expect(one('Jan Berg kam auch. „Wir machen weiter“, sagten Berg und seine Kollegin.')).toEqual([]);
    expect(one('Jan Berg war da. Ein Sprecher der Fraktion nannte sie „eine gute Grundlage für alle“.')).toEqual([]);
  });
});

describe('identity of people and organisations', () => {
  it('the same person with and without title is one key', () => {
    expect(personKey('Dr. Miriam Albers')).toBe(personKey('Miriam Albers'));
    expect(personKey('Staatsministerin Prof. Dr. Eva Roth')).toBe(personKey('Eva Roth'));
    expect(surnameOf('Julia von der Heide')).toBe('von der Heide');
    expect(organisationKey('LAG Soziale Brennpunkte Hessen e. V.')).toBe(organisationKey('LAG Soziale Brennpunkte Hessen e.V.'));
  });
});

describe('precision and recall on the annotated press releases (tests/fixtures/press)', () => {
  it('meets the minimum on the whole set, and on the held-out documents', () => {
    const all = evaluatePress('all');
    const held = evaluatePress('heldOut');
    // Figures are printed so a regression shows what changed.
    console.log(`Zitate: P=${all.precision.toFixed(3)} R=${all.recall.toFixed(3)} (held-out P=${held.precision.toFixed(3)} R=${held.recall.toFixed(3)}); Rolle ${all.roleAccuracy.toFixed(3)}, Organisation ${all.organisationAccuracy.toFixed(3)}`);
    expect(all.documents).toBeGreaterThanOrEqual(10);
    expect(all.precision).toBeGreaterThanOrEqual(0.9);
    expect(all.recall).toBeGreaterThanOrEqual(0.85);
    expect(all.roleAccuracy).toBeGreaterThanOrEqual(0.85);
    expect(all.organisationAccuracy).toBeGreaterThanOrEqual(0.75);
    expect(held.precision).toBeGreaterThanOrEqual(0.8);
    expect(held.recall).toBeGreaterThanOrEqual(0.6);
    expect(all.metadata.title).toBeGreaterThanOrEqual(0.9);
    expect(all.metadata.date).toBeGreaterThanOrEqual(0.9);
    expect(all.metadata.publisher).toBeGreaterThanOrEqual(0.9);
  });
});
