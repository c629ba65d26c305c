import fs from 'node:fs';
import path from 'node:path';
import { analyzePressRelease, type PressAnalysis } from '../../shared/press/analyzePressRelease';
import { personKey, organisationKey } from '../../shared/press/personName';
import { normalizeLine, normalizeText } from '../../shared/text/normalizeText';

export const PRESS_FIXTURES = path.resolve(import.meta.dirname, '..', 'fixtures', 'press');
/**
 * Evaluation sets of issue 12, each a folder with its own annotations.json (beside, not inside,
 * tests/fixtures/press, which tests import as one folder): dev-2 for tuning, blind-2 frozen.
 */
export const PRESS_SETS = path.resolve(import.meta.dirname, '..', 'fixtures', 'press-sets');

interface GoldQuote {
  begins: string;
  ends: string;
  speaker: string;
  role: string | null;
  organisation: string | null;
}
interface GoldDoc {
  /** Written after the rules were frozen; never used to develop them. */
  heldOut?: boolean;
  /** Written and annotated before the extractor's code was read (unseen attribution styles). */
  blind?: boolean;
  title: string;
  date: string | null;
  place: string | null;
  publisher: string | null;
  keywords: string[];
  quotes: GoldQuote[];
}

export interface PressScores {
  documents: number;
  gold: number;
  predicted: number;
  /** Quote text found and attributed to the right person. */
  correct: number;
  precision: number;
  recall: number;
  f1: number;
  /** Quote text found, whoever the speaker. */
  detectionPrecision: number;
  detectionRecall: number;
  /** Among correctly attributed quotes. */
  roleAccuracy: number;
  organisationAccuracy: number;
  metadata: { title: number; date: number; publisher: number; keywords: number; place: number };
  errors: string[];
}

const norm = (s: string) => normalizeLine(s).toLowerCase();

function matches(text: string, g: GoldQuote): boolean {
  const t = norm(text);
  return t.startsWith(norm(g.begins)) && t.endsWith(norm(g.ends));
}

/** development: the rules were written on them; heldOut: after the rules were frozen; blind: before the code was read. */
export type PressSubset = 'all' | 'development' | 'heldOut' | 'blind';

const subsetOf = (g: GoldDoc): Exclude<PressSubset, 'all'> => (g.blind ? 'blind' : g.heldOut ? 'heldOut' : 'development');

/** Scores the extractor against the hand-written annotations (tests/fixtures/press/annotations.json). */
export function evaluatePress(
  subset: PressSubset = 'all',
  dir = PRESS_FIXTURES,
  analyze: (text: string) => PressAnalysis = (t) => analyzePressRelease(t),
): PressScores {
  const gold = JSON.parse(fs.readFileSync(path.join(dir, 'annotations.json'), 'utf8')) as { documents: Record<string, GoldDoc> };
  let goldN = 0;
  let predN = 0;
  let correct = 0;
  let detected = 0;
  let detectedGold = 0;
  let roleOk = 0;
  let orgOk = 0;
  const meta = { title: 0, date: 0, publisher: 0, keywords: 0, place: 0 };
  const errors: string[] = [];
  const entries = Object.entries(gold.documents).filter(
    ([, g]) => subset === 'all' || subsetOf(g) === subset,
  );
  for (const [file, g] of entries) {
    const a = analyze(normalizeText(fs.readFileSync(path.join(dir, file), 'utf8')));
    goldN += g.quotes.length;
    predN += a.quotes.length;
    const used = new Set<number>();
    for (const q of a.quotes) {
      const gi = g.quotes.findIndex((gq, i) => !used.has(i) && matches(q.text, gq));
      if (gi < 0) {
        errors.push(`${file}: unerwartetes Zitat „${q.text.slice(0, 50)}…“ (${q.speaker})`);
        continue;
      }
      used.add(gi);
      detected++;
      const gq = g.quotes[gi]!;
      if (q.speaker && personKey(q.speaker) === personKey(gq.speaker)) {
        correct++;
        if ((q.role ?? null) === gq.role) roleOk++;
        else errors.push(`${file}: Rolle „${q.role}“ statt „${gq.role}“ (${gq.speaker})`);
        if ((q.organisation ? organisationKey(q.organisation) : null) === (gq.organisation ? organisationKey(gq.organisation) : null)) orgOk++;
        else errors.push(`${file}: Organisation „${q.organisation}“ statt „${gq.organisation}“ (${gq.speaker})`);
      } else errors.push(`${file}: Sprecher „${q.speaker}“ statt „${gq.speaker}“ für „${gq.begins}…“`);
    }
    detectedGold += used.size;
    g.quotes.forEach((gq, i) => {
      if (!used.has(i)) errors.push(`${file}: Zitat nicht gefunden „${gq.begins}…“ (${gq.speaker})`);
    });
    const check = (key: keyof typeof meta, ok: boolean, got: unknown, want: unknown) => {
      if (ok) meta[key]++;
      else errors.push(`${file}: ${key} ${JSON.stringify(got)} statt ${JSON.stringify(want)}`);
    };
    check('title', a.title === g.title, a.title, g.title);
    check('date', a.date === g.date, a.date, g.date);
    check('place', a.place === g.place, a.place, g.place);
    check('publisher', a.publisher === g.publisher, a.publisher, g.publisher);
    check('keywords', JSON.stringify(a.keywords) === JSON.stringify(g.keywords), a.keywords, g.keywords);
  }
  const precision = predN ? correct / predN : 0;
  const recall = goldN ? correct / goldN : 0;
  const n = entries.length;
  return {
    documents: n,
    gold: goldN,
    predicted: predN,
    correct,
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    detectionPrecision: predN ? detected / predN : 0,
    detectionRecall: goldN ? detectedGold / goldN : 0,
    roleAccuracy: correct ? roleOk / correct : 0,
    organisationAccuracy: correct ? orgOk / correct : 0,
    metadata: { title: meta.title / n, date: meta.date / n, publisher: meta.publisher / n, keywords: meta.keywords / n, place: meta.place / n },
    errors,
  };
}
