import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzePressRelease } from '../../../shared/press/analyzePressRelease';
import { extractQuotes } from '../../../shared/press/extractQuotes';
import { personKey, organisationKey, surnameOf } from '../../../shared/press/personName';
import { normalizeText } from '../../../shared/text/normalizeText';
import { evaluatePress, PRESS_FIXTURES, PRESS_SETS } from '../../support/pressEval';
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

describe('attribution patterns found with the blind set (general German syntax, new sentences)', () => {
  const full = (text: string, publisher?: string) =>
    extractQuotes(normalizeText(text), { publisher }).map((q) => [q.speaker, q.role, q.organisation, q.text]);

  it('comma inside the closing mark, party in brackets is no organisation, suffixes after names', () => {
    expect(full('„Das ist gut so,“ sagte Bürgermeister Jan Berg (CDU).', 'Stadt Hanau')).toEqual([['Jan Berg', 'Bürgermeister', 'Stadt Hanau', 'Das ist gut so']]);
    expect(full('Die Abgeordnete Eva Roth (Bündnis 90/Die Grünen) sagte: „Das reicht nicht.“')).toEqual([['Eva Roth', 'Abgeordnete', null, 'Das reicht nicht.']]);
    expect(full('Der Vorsitzende Dr. Jan Berg MdB sagte: „Wir bleiben dran.“').map((x) => x[0])).toEqual(['Jan Berg']);
  });

  it('adjectival role nouns as labels, appositive chains, portfolio lists, possessive determiners', () => {
    expect(full('Der stellvertretende Vorsitzende des Vereins Nachbarn e.V., Jan Berg, sagte: „Wir machen weiter.“')).toEqual([
      ['Jan Berg', 'stellvertretender Vorsitzender', 'Verein Nachbarn e.V.', 'Wir machen weiter.'],
    ]);
    expect(full('„Wir sind bereit“, sagte die Vorsitzende des Landkreistages, Landrätin Dr. Eva Roth.').map((x) => x.slice(0, 3))).toEqual([['Eva Roth', 'Vorsitzende', 'Landkreistag']]);
    expect(full('Der Beigeordnete für Bildung, Sport und Kultur der Stadt Jena, Jan Berg, kam. „Gut so“, sagte der Beigeordnete.').map((x) => [x[0], x[2]])).toEqual([['Jan Berg', 'Stadt Jena']]);
    expect(full('Kritik kam vom Mieterverein Kassel. Dessen Geschäftsführer Jan Berg sagte: „So geht das nicht.“')).toEqual([['Jan Berg', 'Geschäftsführer', 'Mieterverein Kassel', 'So geht das nicht.']]);
    expect(full('Die Leiterin des Kinder- und Jugendzentrums, Eva Roth, sagte: „Wir öffnen am Montag.“')[0]![2]).toBe('Kinder- und Jugendzentrum');
  });

  it('relative clauses, „der 63-Jährige“, quotes resumed after „so X weiter,“ and interview answers', () => {
    expect(full('Die 17-jährige Eva Roth, die im Jugendrat sitzt, sagt: „Wir werden gehört.“').map((x) => x[0])).toEqual(['Eva Roth']);
    expect(full('Neu dabei ist Jan Berg, der im Viertel wohnt. „Ich bin gern hier“, sagt der 70-Jährige.').map((x) => x[0])).toEqual(['Jan Berg']);
    expect(full('Eva Roth eröffnete. „Wir fangen an“, so die Stadträtin weiter, „und zwar heute.“').map((x) => x[0])).toEqual([]);
    expect(full('Stadträtin Eva Roth eröffnete. „Wir fangen an“, so die Stadträtin weiter, „und zwar heute.“').map((x) => x[0])).toEqual(['Eva Roth', 'Eva Roth']);
    expect(full('Geschäftsführer Jan Berg erklärt das Vorhaben.\n\nHerr Berg, warum jetzt?\n\nBerg: Weil die Häuser alt sind.').map((x) => [x[0], x[3]])).toEqual([['Jan Berg', 'Weil die Häuser alt sind.']]);
  });

  it('partial quotes after verbs of saying count; quoted names after a naming noun do not', () => {
    expect(full('Eva Roth warf der Regierung vor, „die Menschen im Stich zu lassen“.').map((x) => x[0])).toEqual(['Eva Roth']);
    expect(full('Ministerin Eva Roth erklärte, das Programm „Wachstum und nachhaltige Erneuerung“ werde fortgesetzt.')).toEqual([]);
    expect(full('Eva Roth kam.\n\nFrage: Wie geht es weiter?\n\nHintergrund: Das Programm läuft seit 2010.\n\nPressekontakt: Jan Berg')).toEqual([]);
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
  // Thresholds: the figures reached (all subsets 1.00 precision and recall; role 0.94 on the blind
  // set, where the gold drops attributive adjectives and portfolios the extractor keeps) minus a
  // small margin. The blind set (13–20) was annotated before the extractor's code was read; it
  // scored P=0.93 R=0.69, role 0.76, organisation 0.76 before the rules were generalised.
  it('meets the minimum on every subset: development, held-out and blind', () => {
    const all = evaluatePress('all');
    const line = (name: string, e: ReturnType<typeof evaluatePress>) =>
      `${name}: P=${e.precision.toFixed(3)} R=${e.recall.toFixed(3)} Rolle ${e.roleAccuracy.toFixed(3)} Organisation ${e.organisationAccuracy.toFixed(3)}`;
    const subsets = { development: evaluatePress('development'), heldOut: evaluatePress('heldOut'), blind: evaluatePress('blind') };
    // Figures are printed so a regression shows what changed.
    console.log(`Zitate – ${[line('alle', all), ...Object.entries(subsets).map(([k, e]) => line(k, e))].join('; ')}`);
    const minimum = {
      development: { precision: 0.97, recall: 0.95, role: 0.95, organisation: 0.93 },
      heldOut: { precision: 0.95, recall: 0.88, role: 0.88, organisation: 0.85 },
      blind: { precision: 0.95, recall: 0.93, role: 0.9, organisation: 0.9 },
    };
    for (const [name, e] of Object.entries(subsets)) {
      const min = minimum[name as keyof typeof minimum];
      expect(e.precision, `${name} precision`).toBeGreaterThanOrEqual(min.precision);
      expect(e.recall, `${name} recall`).toBeGreaterThanOrEqual(min.recall);
      expect(e.roleAccuracy, `${name} role`).toBeGreaterThanOrEqual(min.role);
      expect(e.organisationAccuracy, `${name} organisation`).toBeGreaterThanOrEqual(min.organisation);
    }
    expect(all.documents).toBeGreaterThanOrEqual(20);
    expect(subsets.blind.documents).toBe(8);
    expect(all.precision).toBeGreaterThanOrEqual(0.97);
    expect(all.recall).toBeGreaterThanOrEqual(0.95);
    expect(all.metadata.title).toBeGreaterThanOrEqual(0.95);
    expect(all.metadata.date).toBeGreaterThanOrEqual(0.95);
    expect(all.metadata.publisher).toBeGreaterThanOrEqual(0.95);
    expect(all.metadata.place).toBeGreaterThanOrEqual(0.9);
    expect(all.metadata.keywords).toBeGreaterThanOrEqual(0.9);
  });
});

describe('issue 12: development set 2 and the frozen blind set 2 (tests/fixtures/press-sets/dev-2, blind-2)', () => {
  const DEV2 = path.join(PRESS_SETS, 'dev-2');
  const BLIND2 = path.join(PRESS_SETS, 'blind-2');
  const line = (name: string, e: ReturnType<typeof evaluatePress>) =>
    `${name}: P=${e.precision.toFixed(3)} R=${e.recall.toFixed(3)} Rolle ${e.roleAccuracy.toFixed(3)} Organisation ${e.organisationAccuracy.toFixed(3)}`;

  it('the blind set is unchanged since it was frozen (commit 4445e97), 26 releases with 74 quotes', () => {
    const h = crypto.createHash('sha256');
    for (const f of fs.readdirSync(BLIND2).sort()) h.update(f).update('\0').update(fs.readFileSync(path.join(BLIND2, f))).update('\0');
    expect(h.digest('hex')).toBe('abd6d113ad170e600f0ab95152e0a03888c731e081a3fd491b9085cbd4d8f64c');
  });

  // Blind set 2, measured once before any rule change: P=0.964 R=0.730 Rolle 0.963 Organisation
  // 0.778; once after the pipeline was done (never tuned on): P=1.000 R=1.000 Rolle 0.932
  // Organisation 0.797. The thresholds are those figures minus a margin, so a regression fails.
  it('meets the minimum on development set 2 and blind set 2', () => {
    const sets = { dev2: evaluatePress('all', DEV2), blind2: evaluatePress('all', BLIND2) };
    console.log(`Zitate – ${line('Entwicklung 2', sets.dev2)}; ${line('Blind 2', sets.blind2)}`);
    const minimum = {
      dev2: { precision: 0.97, recall: 0.95, role: 0.95, organisation: 0.88 },
      blind2: { precision: 0.97, recall: 0.95, role: 0.9, organisation: 0.75 },
    };
    for (const [name, e] of Object.entries(sets)) {
      const min = minimum[name as keyof typeof minimum];
      expect(e.precision, `${name} precision`).toBeGreaterThanOrEqual(min.precision);
      expect(e.recall, `${name} recall`).toBeGreaterThanOrEqual(min.recall);
      expect(e.roleAccuracy, `${name} role`).toBeGreaterThanOrEqual(min.role);
      expect(e.organisationAccuracy, `${name} organisation`).toBeGreaterThanOrEqual(min.organisation);
    }
    expect(sets.dev2.documents).toBeGreaterThanOrEqual(16);
    expect(sets.blind2.documents).toBe(26);
  });

  it('the development sets read the same with straight quotes and hard-wrapped at 70 characters', () => {
    const wrap = (t: string) => t.split('\n\n').map((p) => p.replace(/(.{1,70})(\s+|$)/gu, '$1\n').trim()).join('\n\n');
    const ascii = (t: string) => t.replace(/[„“”]/gu, '"');
    for (const dir of [PRESS_FIXTURES, DEV2]) {
      for (const [name, f] of [['ascii', ascii], ['wrapped', wrap], ['both', (t: string) => wrap(ascii(t))]] as const) {
        const e = evaluatePress('all', dir, (t) => analyzePressRelease(f(t)));
        expect(e.precision, `${dir} ${name}`).toBeGreaterThanOrEqual(0.97);
        expect(e.recall, `${dir} ${name}`).toBeGreaterThanOrEqual(0.95);
      }
    }
  });
});
