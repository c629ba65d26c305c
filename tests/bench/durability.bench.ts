/**
 * Issue 7 (measured): autosave throughput through the real save path — a renderer Y.Doc whose
 * updates go to CollabService.applyUpdate (one committed transaction each, as `collab.update`
 * does), and DocumentStore.update for ordinary documents — with synchronous=FULL (what the
 * library uses) beside NORMAL for comparison; latency per acknowledged save, and the peak size of
 * the -wal file while saving (wal_autocheckpoint 256 pages, journal_size_limit 4 MB).
 *
 * QW_BENCH_EDITS sets the number of keystroke-sized edits per run (default 3,000).
 *
 * Then the crash test at full length: the same lanes as tests/integration/durability/crashSafety.test.ts
 * (which runs 100 kills in `npm test`), here QW_CRASH_KILLS times (default 1,000); a lost
 * acknowledged edit or a damaged library fails the bench.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openAutosave } from '../support/crash/autosaveSession';
import { bundleChild, crashKills, reopen, runCrashLanes, walBytes } from '../support/crash/crashKit';
import { mulberry32 } from '../support/seededRandom';
import { percentile, type BenchModule, type BenchRow } from './benchKit';

const EDITS = Number(process.env.QW_BENCH_EDITS ?? 3000);
const DOC_EDITS = Math.max(100, Math.floor(EDITS / 10));
const FILLER = 'Die Nachbarschaftshilfe im Quartier wird vom Stadtteilbüro koordiniert und regelmäßig ausgewertet. ';

async function run(dir: string, sync: 'FULL' | 'NORMAL'): Promise<BenchRow[]> {
  fs.mkdirSync(dir, { recursive: true });
  const dbPath = path.join(dir, 'bibliothek.sqlite');
  const s = reopen(dir, dbPath);
  const draft = s.collab.drafts.createDraft({ title: 'Messung', kind: 'note', template: 'empty' }).id;
  const doc = s.documents.create({ kind: 'press_release', title: 'Pressemitteilung', bodyText: FILLER.repeat(40) }).id;
  s.close();
  const session = openAutosave(dbPath, draft, { synchronous: sync });
  const g = `synchronous=${sync}`;
  const rnd = mulberry32(42);
  let walPeak = 0;
  // Keystrokes as the editor sends them, with a paste (a new paragraph of ~2–8 KB) now and then.
  const lat: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < EDITS; i++) {
    const ts = performance.now();
    if (i % 200 === 199) session.paragraph(FILLER.repeat(20 + Math.floor(rnd() * 60)));
    else session.type(i % 7 === 6 ? ' ' : String.fromCharCode(97 + Math.floor(rnd() * 26)));
    lat.push(performance.now() - ts);
    walPeak = Math.max(walPeak, walBytes(dbPath));
  }
  const total = performance.now() - t0;
  // Ordinary documents saved whole (metadata dialog, imported text edited).
  const docLat: number[] = [];
  for (let i = 0; i < DOC_EDITS; i++) {
    const ts = performance.now();
    session.appendToDocument(doc, ` Ergänzung ${i}.`);
    docLat.push(performance.now() - ts);
    walPeak = Math.max(walPeak, walBytes(dbPath));
  }
  const p = session.pragmas();
  session.close();
  if (p.synchronous !== (sync === 'FULL' ? 2 : 1)) throw new Error(`synchronous ist ${p.synchronous}, erwartet ${sync}`);
  return [
    { group: g, metric: `Entwurf: Änderungen pro Sekunde (${EDITS} Tastendrücke)`, value: (EDITS / total) * 1000, unit: '/s' },
    { group: g, metric: 'Entwurf: Latenz je bestätigter Speicherung p50', value: percentile(lat, 50), unit: 'ms' },
    { group: g, metric: 'Entwurf: Latenz je bestätigter Speicherung p95', value: percentile(lat, 95), unit: 'ms' },
    { group: g, metric: 'Entwurf: Latenz max', value: Math.max(...lat), unit: 'ms' },
    { group: g, metric: `DocumentStore.update: Latenz p50 (${DOC_EDITS}×)`, value: percentile(docLat, 50), unit: 'ms' },
    { group: g, metric: 'DocumentStore.update: Latenz p95', value: percentile(docLat, 95), unit: 'ms' },
    { group: g, metric: '-wal Spitze beim Speichern', value: walPeak / 1024 / 1024, unit: 'MB', target: sync === 'FULL' ? '< 8 (Absturztest)' : undefined },
    { group: g, metric: 'Dateigröße danach', value: fs.statSync(dbPath).size / 1024 / 1024, unit: 'MB' },
  ];
}

async function crashRun(root: string, log: (m: string) => void): Promise<BenchRow[]> {
  const kills = crashKills(1000);
  fs.mkdirSync(root, { recursive: true });
  log(`Absturztest: ${kills} Kills …`);
  const childFile = await bundleChild(root);
  const r = await runCrashLanes(root, childFile, kills);
  if (r.failures.length > 0) throw new Error(`Absturztest fehlgeschlagen: ${r.failures.slice(0, 5).join(' | ')}`);
  if (r.kills !== kills) throw new Error(`Absturztest: ${r.kills} statt ${kills} Kills`);
  const g = `Absturztest (${kills} Kills)`;
  return [
    { group: g, metric: 'verlorene bestätigte Änderungen / beschädigte Bibliotheken', value: 0, unit: '', target: '0' },
    { group: g, metric: 'bestätigte Speicherungen geprüft', value: r.ackedSaves, unit: '' },
    { group: g, metric: 'Kills beim Start', value: r.byMode.start, unit: '' },
    { group: g, metric: 'Kills nach der n-ten Bestätigung', value: r.byMode.ack, unit: '' },
    { group: g, metric: 'Kills zu zufälliger Zeit', value: r.byMode.timed, unit: '' },
    { group: g, metric: '-wal höchstens', value: r.maxWalBytes / 1024 / 1024, unit: 'MB', target: '< 8' },
    { group: g, metric: 'Dauer', value: r.seconds, unit: 's' },
  ];
}

const bench: BenchModule = {
  title: 'Haltbarkeit: Autosave-Durchsatz mit synchronous=FULL (und NORMAL zum Vergleich)',
  async run(ctx) {
    const rows: BenchRow[] = [];
    for (const sync of ['FULL', 'NORMAL'] as const) {
      ctx.log(`synchronous=${sync}: ${EDITS} Änderungen …`);
      rows.push(...(await run(path.join(ctx.tmpDir, sync.toLowerCase()), sync)));
    }
    rows.push(...(await crashRun(path.join(ctx.tmpDir, 'absturz'), ctx.log)));
    return rows;
  },
};
export default bench;
