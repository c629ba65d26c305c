/**
 * Quote extraction speed on the real corpus (issue 12: extraction time stays negligible beside
 * import): quotes per second and characters per second of `analyzePressRelease` over the news
 * articles, the real press release and the first 300 speeches of ../shared/corpus; plus the
 * figures of the annotated sets (development 2 and the frozen blind set 2).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { analyzePressRelease } from '../../shared/press/analyzePressRelease';
import { normalizeText } from '../../shared/text/normalizeText';
import { evaluatePress, PRESS_FIXTURES, PRESS_SETS } from '../support/pressEval';
import type { BenchModule, BenchRow } from './benchKit';

const SPEECHES = 300;

function records(file: string, limit = Infinity): string[] {
  const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n').filter(Boolean);
  return lines.slice(0, limit).map((l) => (JSON.parse(l) as { text: string }).text);
}

const bench: BenchModule = {
  title: 'Zitate: Erkennungsgeschwindigkeit und Güte',
  async run(ctx) {
    const rows: BenchRow[] = [];
    if (ctx.corpusDir) {
      const texts = [
        ...records(path.join(ctx.corpusDir, 'news.jsonl.gz')),
        ...records(path.join(ctx.corpusDir, 'speeches.jsonl.gz'), SPEECHES),
        ...fs
          .readdirSync(path.join(ctx.corpusDir, 'press'))
          .filter((f) => f.endsWith('.txt'))
          .map((f) => fs.readFileSync(path.join(ctx.corpusDir!, 'press', f), 'utf8')),
      ].map((t) => normalizeText(t));
      const chars = texts.reduce((n, t) => n + t.length, 0);
      analyzePressRelease(texts[0]!); // warm-up
      const t0 = performance.now();
      let quotes = 0;
      for (const t of texts) quotes += analyzePressRelease(t).quotes.length;
      const sec = (performance.now() - t0) / 1000;
      const g = `Korpus (${texts.length} Texte: Nachrichten, ${SPEECHES} Reden, Pressemitteilung; ${(chars / 1e6).toFixed(1)} M Zeichen)`;
      rows.push(
        { group: g, metric: 'Zitate erkannt', value: quotes, unit: '' },
        { group: g, metric: 'Dauer', value: sec, unit: 's' },
        { group: g, metric: 'Zitate pro Sekunde', value: quotes / sec, unit: 'Zitate/s' },
        { group: g, metric: 'Text pro Sekunde', value: chars / 1e6 / sec, unit: 'M Zeichen/s' },
      );
      ctx.log(`${quotes} Zitate in ${sec.toFixed(2)} s`);
    } else ctx.log('Korpus fehlt: Zeile übersprungen');

    // The annotated press releases (all sets), read 20 times: quotes per second on press material.
    const dirs = [PRESS_FIXTURES, path.join(PRESS_SETS, 'dev-2'), path.join(PRESS_SETS, 'blind-2')];
    const releases = dirs.flatMap((d) => fs.readdirSync(d).filter((f) => f.endsWith('.txt')).map((f) => normalizeText(fs.readFileSync(path.join(d, f), 'utf8'))));
    const t1 = performance.now();
    let found = 0;
    for (let r = 0; r < 20; r++) for (const t of releases) found += analyzePressRelease(t).quotes.length;
    const sec1 = (performance.now() - t1) / 1000;
    const gp = `Pressemitteilungen (${releases.length} annotierte, 20 Durchläufe)`;
    rows.push(
      { group: gp, metric: 'Zitate pro Sekunde', value: found / sec1, unit: 'Zitate/s' },
      { group: gp, metric: 'Zeit je Pressemitteilung', value: (sec1 * 1000) / (20 * releases.length), unit: 'ms' },
    );

    for (const [name, dir] of [
      ['Entwicklung 2', path.join(PRESS_SETS, 'dev-2')],
      ['Blind 2 (eingefroren)', path.join(PRESS_SETS, 'blind-2')],
    ] as const) {
      const e = evaluatePress('all', dir);
      const g = `Zitate ${name} (${e.documents} PM, ${e.gold} Zitate)`;
      rows.push(
        { group: g, metric: 'Precision (Text + Sprecher)', value: e.precision, unit: '', target: '≥ 0,95' },
        { group: g, metric: 'Recall (Text + Sprecher)', value: e.recall, unit: '', target: '≥ 0,90' },
        { group: g, metric: 'Rolle richtig', value: e.roleAccuracy, unit: '' },
        { group: g, metric: 'Organisation richtig', value: e.organisationAccuracy, unit: '' },
      );
    }
    return rows;
  },
};

export default bench;
