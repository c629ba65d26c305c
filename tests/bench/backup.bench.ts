/**
 * Backups and recovery (issue 7 §2) on a ~1 GB library built from the real corpus: backup time
 * (online backup API) with the verification on its own, restore time (CLI path), the page check
 * at every start, and the recovery time after a start with a damaged page. Peak RSS for each.
 * Size: QW_BENCH_BACKUP_MB (default 1024).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createServices } from '../../electron/services/createServices';
import { verifyBackupFile } from '../../electron/services/backup/backupFiles';
import { restoreFromFile } from '../../electron/services/backup/openLibrary';
import { openDatabase } from '../../electron/services/db/openDatabase';
import { MemoryEventSink, silentLogger, systemClock } from '../../electron/services/ports';
import type { DocumentKind } from '../../shared/domain/document';
import { corruptDocumentsPage } from '../integration/backup/corruptPage';
import { peakRssMb, REPO_ROOT, timeMs, type BenchModule, type BenchRow } from './benchKit';

const TARGET_MB = Number(process.env.QW_BENCH_BACKUP_MB ?? 1024);
const KINDS: DocumentKind[] = ['speech', 'press_release', 'statement', 'protocol', 'note'];

function speeches(corpusDir: string): string[] {
  const file = path.join(corpusDir, 'speeches.jsonl.gz');
  return zlib
    .gunzipSync(fs.readFileSync(file))
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { text: string }).text)
    .filter((t) => t.length > 2000);
}

const mb = (bytes: number) => bytes / 1024 / 1024;
/** Peak RSS above the RSS before: building the library leaves a large baseline behind. */
async function extraRssMb<T>(fn: () => Promise<T>): Promise<{ peakMb: number; value: T }> {
  const before = mb(process.memoryUsage().rss);
  const r = await peakRssMb(fn);
  return { peakMb: r.peakMb - before, value: r.value };
}
const sizeOf = (f: string) => fs.statSync(f).size;

const bench: BenchModule = {
  title: `Sicherung und Wiederherstellung (~${TARGET_MB} MB Bibliothek)`,
  async run(ctx) {
    if (!ctx.corpusDir || !fs.existsSync(path.join(ctx.corpusDir, 'speeches.jsonl.gz'))) {
      ctx.log('übersprungen: Korpus (speeches.jsonl.gz) nicht vorhanden');
      return [];
    }
    const rows: BenchRow[] = [];
    const group = `${TARGET_MB} MB`;
    const backupsDir = path.join(ctx.tmpDir, 'Sicherungen');
    const ports = {
      paths: { resourcesDir: path.join(REPO_ROOT, 'resources'), backupsDir },
      events: new MemoryEventSink(),
      clock: systemClock,
      logger: silentLogger,
    };
    const dbPath = path.join(ctx.tmpDir, 'bibliothek.sqlite');

    // Build: real speeches, each copy varied (number in title and body), until the target size.
    const texts = speeches(ctx.corpusDir);
    const built = await timeMs(() => {
      const s = createServices(ports, { dbPath });
      let i = 0;
      while (mb(sizeOf(dbPath)) < TARGET_MB) {
        s.db.transaction(() => {
          for (let k = 0; k < 500; k++, i++) {
            const text = texts[i % texts.length]!;
            const round = Math.floor(i / texts.length);
            s.documents.create(
              { kind: KINDS[i % KINDS.length]!, title: `${text.slice(0, 50).trim()} (${i})`, bodyText: `Fassung ${round}, Nr. ${i}.\n\n${text}` },
              { silent: true },
            );
          }
        })();
        if (i % 5000 === 0) ctx.log(`${i} Dokumente, ${mb(sizeOf(dbPath)).toFixed(0)} MB`);
      }
      s.close();
      return i;
    });
    const docs = built.value;
    rows.push({ group, metric: 'Aufbau der Bibliothek', value: built.ms / 1000, unit: 's' });
    rows.push({ group, metric: 'Dokumente', value: docs, unit: '' });
    rows.push({ group, metric: 'Dateigröße', value: mb(fs.statSync(dbPath).size), unit: 'MB' });
    rows.push({ group, metric: 'RSS nach dem Aufbau (Ausgangswert)', value: mb(process.memoryUsage().rss), unit: 'MB' });

    // The page check every start pays: open without, with quick_check, with integrity_check.
    for (const check of ['none', 'quick', 'integrity'] as const) {
      const t = await timeMs(() => openDatabase(dbPath, { check, backupsDir }));
      t.value.db.close();
      rows.push({ group, metric: `öffnen, Seitenprüfung ${check}`, value: t.ms, unit: 'ms', target: check === 'quick' ? 'bei jedem Start' : undefined });
    }

    // Backup through the service (online backup API + verification), as „Sicherung jetzt“ does.
    const s = createServices(ports, { dbPath });
    const backup = await extraRssMb(() => timeMs(() => s.backup.create({ kind: 'manual' })));
    rows.push({ group, metric: 'Sicherung jetzt (Kopie + Prüfung)', value: backup.value.ms / 1000, unit: 's' });
    rows.push({ group, metric: 'Sicherung: RSS-Zuwachs (Spitze)', value: backup.peakMb, unit: 'MB' });
    const backupFile = path.join(backupsDir, backup.value.value.name);
    const verify = await timeMs(() => verifyBackupFile(backupFile));
    if (!verify.value.ok) throw new Error(`Sicherung nicht gültig: ${verify.value.reason}`);
    rows.push({ group, metric: 'davon Prüfung (integrity_check, gemessen allein)', value: verify.ms / 1000, unit: 's' });
    s.close();

    // Restore (CLI path): verify, keep the current library as a backup, copy in.
    const restore = await extraRssMb(() => timeMs(() => restoreFromFile(dbPath, backupFile, { backupsDir, clock: systemClock, logger: silentLogger })));
    rows.push({ group, metric: 'Wiederherstellen (Prüfung + Kopie)', value: restore.value.ms / 1000, unit: 's' });
    rows.push({ group, metric: 'Wiederherstellen: RSS-Zuwachs (Spitze)', value: restore.peakMb, unit: 'MB' });
    // The copy of the previous state is a GB the bench needs not keep.
    if (restore.value.value.movedTo) fs.rmSync(restore.value.value.movedTo, { force: true });

    // A start with a damaged page: detect, verify the backup, move aside, copy in, open.
    corruptDocumentsPage(dbPath);
    const recovery = await extraRssMb(() => timeMs(() => createServices(ports, { dbPath })));
    const r = recovery.value.value;
    const notice = r.backup.currentNotice();
    if (notice?.kind !== 'recovered' || r.documents.countByKind().total !== docs) {
      throw new Error(`Wiederherstellung nach Schaden fehlgeschlagen: ${notice?.kind ?? 'kein Hinweis'}, ${r.documents.countByKind().total}/${docs} Dokumente`);
    }
    rows.push({ group, metric: 'Start mit beschädigter Seite bis geöffnet', value: recovery.value.ms / 1000, unit: 's' });
    rows.push({ group, metric: 'Wiederherstellung nach Schaden: RSS-Zuwachs (Spitze)', value: recovery.peakMb, unit: 'MB' });
    r.close();
    fs.rmSync(notice.movedTo, { force: true });
    return rows;
  },
};

export default bench;
