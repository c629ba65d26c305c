/**
 * Foundation figures: open + migrate an empty and a 10,000-document library; list the first
 * page of 100 and a page in the middle, by each sort; peak memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createServices } from '../../electron/services/createServices';
import { openDatabase } from '../../electron/services/db/openDatabase';
import { MemoryEventSink, silentLogger, systemClock } from '../../electron/services/ports';
import type { DocumentKind } from '../../shared/domain/document';
import { percentile, peakRssMb, REPO_ROOT, timeMs, type BenchModule, type BenchRow } from './benchKit';

const N = 10_000;
const KINDS: DocumentKind[] = ['press_release', 'speech', 'statement', 'protocol', 'note', 'leitbild'];

function corpusParagraphs(corpusDir: string | null): string[] {
  if (!corpusDir) return [];
  const file = path.join(corpusDir, 'speeches.jsonl.gz');
  if (!fs.existsSync(file)) return [];
  const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
  const out: string[] = [];
  for (const line of lines.slice(0, 400)) {
    if (!line.trim()) continue;
    const rec = JSON.parse(line) as { text: string };
    out.push(...rec.text.split('\n').filter((p) => p.length > 200));
  }
  return out;
}

const bench: BenchModule = {
  title: 'Bibliothek: Öffnen, Migrieren, Listen (10.000 Dokumente)',
  async run(ctx) {
    const rows: BenchRow[] = [];
    const ports = {
      paths: { resourcesDir: path.join(REPO_ROOT, 'resources'), backupsDir: path.join(ctx.tmpDir, 'backups') },
      events: new MemoryEventSink(),
      clock: systemClock,
      logger: silentLogger,
    };
    const empty = await timeMs(() => openDatabase(path.join(ctx.tmpDir, 'leer.sqlite')));
    empty.value.db.close();
    rows.push({ group: 'leere Bibliothek', metric: 'öffnen + migrieren', value: empty.ms, unit: 'ms' });

    const paragraphs = corpusParagraphs(ctx.corpusDir);
    ctx.log(`${paragraphs.length} Korpus-Absätze als Text (${paragraphs.length ? 'echt' : 'synthetisch'})`);
    const dbPath = path.join(ctx.tmpDir, 'gross.sqlite');
    const { peakMb, value: seeded } = await peakRssMb(async () => {
      const s = createServices(ports, { dbPath });
      const t = await timeMs(() =>
        s.db.transaction(() => {
          for (let i = 0; i < N; i++) {
            const body = paragraphs.length
              ? [0, 1, 2].map((k) => paragraphs[(i * 3 + k) % paragraphs.length]).join('\n\n')
              : `Absatz ${i} über Quartiersentwicklung, Nachbarschaft und Teilhabe. `.repeat(40);
            const day = String((i % 28) + 1).padStart(2, '0');
            const month = String((i % 12) + 1).padStart(2, '0');
            s.documents.create(
              { kind: KINDS[i % KINDS.length]!, title: `${body.slice(0, 60).trim()} (${i})`, date: i % 17 === 0 ? null : `${2000 + (i % 26)}-${month}-${day}`, bodyText: body },
              { silent: true },
            );
          }
        })(),
      );
      s.close();
      return t.ms;
    });
    rows.push({ group: `${N} Dokumente`, metric: 'anlegen (eine Transaktion)', value: seeded, unit: 'ms' });
    rows.push({ group: `${N} Dokumente`, metric: 'Dateigröße', value: fs.statSync(dbPath).size / 1024 / 1024, unit: 'MB' });

    const opened = await timeMs(() => createServices(ports, { dbPath }));
    const s = opened.value;
    rows.push({ group: `${N} Dokumente`, metric: 'öffnen (Schema aktuell)', value: opened.ms, unit: 'ms' });
    for (const sort of ['date', 'title', 'kind'] as const) {
      for (const [label, offset] of [['erste Seite (100)', 0], ['Seite in der Mitte (100)', N / 2]] as const) {
        const times: number[] = [];
        for (let r = 0; r < 30; r++) times.push((await timeMs(() => s.documents.list({ sort, order: 'desc', offset, limit: 100 }))).ms);
        rows.push({ group: `${N} Dokumente`, metric: `${label}, sortiert nach ${sort} (p50)`, value: percentile(times, 50), unit: 'ms' });
      }
    }
    const filtered: number[] = [];
    for (let r = 0; r < 30; r++) filtered.push((await timeMs(() => s.documents.list({ kind: 'speech', sort: 'title', offset: 800, limit: 100 }))).ms);
    rows.push({ group: `${N} Dokumente`, metric: 'gefiltert (Rede), Titel, Seite 9 (p50)', value: percentile(filtered, 50), unit: 'ms' });
    s.close();
    rows.push({ group: `${N} Dokumente`, metric: 'Spitzen-RSS beim Anlegen', value: peakMb, unit: 'MB' });
    rows.push({ group: 'Prozess', metric: 'Spitzen-RSS gesamt (maxRSS)', value: process.resourceUsage().maxRSS / 1024, unit: 'MB' });
    return rows;
  },
};
export default bench;
