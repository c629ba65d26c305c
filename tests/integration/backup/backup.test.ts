import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../electron/services/createServices';
import { listBackups, verifyBackupFile } from '../../../electron/services/backup/backupFiles';
import { MemoryEventSink, silentLogger, type Clock } from '../../../electron/services/ports';
import { REPO_ROOT, sha256File, tempDir } from '../../support/testLibrary';
import { expectAppError } from '../../support/expectAppError';
import { corruptDocumentsPage } from './corruptPage';

/** A clock the test moves forward (rotation and "when was this backup" need known times). */
class TestClock implements Clock {
  constructor(public t = Date.parse('2026-11-24T13:03:00Z')) {}
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

interface Lib {
  dir: string;
  dbPath: string;
  backupsDir: string;
  clock: TestClock;
  events: MemoryEventSink;
  restarts: number;
  open(): Services;
}

const dirs: string[] = [];
const opened: Services[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A real library file with real services; `open()` is a (re)start of the app. */
function library(options: { lifecycle?: boolean; start?: number } = {}): Lib {
  const dir = tempDir('qw-backup-');
  dirs.push(dir);
  const lib: Lib = {
    dir,
    dbPath: path.join(dir, 'bibliothek.sqlite'),
    backupsDir: path.join(dir, 'Sicherungen'),
    clock: new TestClock(options.start),
    events: new MemoryEventSink(),
    restarts: 0,
    open() {
      const s = createServices(
        {
          paths: { resourcesDir: path.join(REPO_ROOT, 'resources'), backupsDir: lib.backupsDir },
          events: lib.events,
          clock: lib.clock,
          logger: silentLogger,
          lifecycle: options.lifecycle === false ? undefined : { restart: () => void lib.restarts++ },
        },
        { dbPath: lib.dbPath, appVersion: '0.0.0-test' },
      );
      opened.push(s);
      return s;
    },
  };
  return lib;
}

function close(s: Services): void {
  s.close();
  opened.splice(opened.indexOf(s), 1);
}

function titles(s: Services): string[] {
  return s.documents.list({ limit: 1000 }).items.map((d) => d.title).sort();
}

function fill(s: Services, n: number, prefix = 'Protokoll'): void {
  for (let i = 0; i < n; i++) {
    s.documents.create({ kind: 'protocol', title: `${prefix} ${i}`, bodyText: `Sitzung des Quartiersbeirats Nr. ${i}. `.repeat(20) });
  }
}


describe('backups', () => {
  it('writes a verified, self-contained backup with progress events and lists it', async () => {
    const lib = library();
    const s = lib.open();
    fill(s, 50);
    const b = await s.backup.create({ kind: 'manual' });
    expect(b).toMatchObject({ kind: 'manual', documentCount: 50, createdAt: '2026-11-24T13:03:00.000Z' });
    expect(b.name).toBe('bibliothek.sqlite.sicherung.2026-11-24T13-03-00-000Z.manuell.sqlite');
    const file = path.join(lib.backupsDir, b.name);
    // One file, no WAL beside it, no temporary files left behind.
    expect(fs.readdirSync(lib.backupsDir).sort()).toEqual([b.name, `${b.name}.json`]);
    const copy = new Database(file, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(50);
    copy.close();
    expect(verifyBackupFile(file)).toMatchObject({ ok: true, documentCount: 50 });
    expect(s.backup.list()).toEqual([b]);
    const progress = lib.events.events.filter((e) => e.event === 'backup.progressed');
    expect(progress.length).toBeGreaterThan(0);
    expect(lib.events.events.some((e) => e.event === 'backup.created')).toBe(true);
  });

  it('writes to a chosen file (CLI) but never over an existing one', async () => {
    const lib = library();
    const s = lib.open();
    fill(s, 3);
    const target = path.join(lib.dir, 'export', 'kopie.sqlite');
    const b = await s.backup.create({ kind: 'manual', target });
    expect(b.documentCount).toBe(3);
    expect(verifyBackupFile(target).ok).toBe(true);
    const before = sha256File(target);
    await expect(s.backup.create({ kind: 'manual', target })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(sha256File(target)).toBe(before);
  });

  it('refuses damaged or foreign files as backups', () => {
    const lib = library();
    const s = lib.open();
    fill(s, 200);
    close(s);
    const foreign = path.join(lib.dir, 'fremd.sqlite');
    new Database(foreign).exec('CREATE TABLE t(x)');
    expect(verifyBackupFile(foreign)).toMatchObject({ ok: false, reason: expect.stringContaining('application_id') });
    corruptDocumentsPage(lib.dbPath);
    expect(verifyBackupFile(lib.dbPath)).toMatchObject({ ok: false });
  });

  it('rotates automatic backups (newest 5 plus one a day for a week) and never touches manual ones', async () => {
    const lib = library();
    const s = lib.open();
    fill(s, 2);
    const manual = await s.backup.create({ kind: 'manual' });
    // 10 days, three automatic backups a day (08:00, 12:00, 16:00 after the start at 13:03).
    for (let day = 0; day < 10; day++) {
      for (let k = 0; k < 3; k++) {
        lib.clock.advance(4 * HOUR);
        await s.backup.create({ kind: 'auto' });
      }
      lib.clock.advance(DAY - 12 * HOUR);
    }
    const autos = s.backup.list().filter((b) => b.kind === 'auto');
    const now = lib.clock.now().getTime();
    // Newest five, then one per day for the older days within the week.
    expect(autos.slice(0, 5).map((b) => b.createdAt)).toEqual(autos.map((b) => b.createdAt).slice(0, 5));
    const olderDays = autos.slice(5).map((b) => b.createdAt.slice(0, 10));
    expect(new Set(olderDays).size).toBe(olderDays.length);
    for (const b of autos.slice(5)) expect(now - Date.parse(b.createdAt)).toBeLessThanOrEqual(7 * DAY);
    expect(autos.length).toBeGreaterThanOrEqual(8);
    expect(autos.length).toBeLessThan(30);
    expect(s.backup.list().some((b) => b.name === manual.name)).toBe(true);
    // No orphaned facts files.
    const files = fs.readdirSync(lib.backupsDir);
    for (const f of files.filter((f) => f.endsWith('.json'))) expect(files).toContain(f.slice(0, -5));
  });

  it('backs up automatically only when due and when the library changed', async () => {
    // The clock runs from the real time here: the start-up rule compares file times with it.
    const lib = library({ start: Date.now() });
    let s = lib.open();
    fill(s, 2);
    const first = await s.backup.autoBackupIfDue();
    expect(first?.kind).toBe('auto');
    expect(await s.backup.autoBackupIfDue()).toBeNull(); // not due yet
    lib.clock.advance(3 * HOUR);
    expect(await s.backup.autoBackupIfDue()).toBeNull(); // due, but nothing changed
    s.documents.create({ kind: 'note', title: 'Neu' });
    expect((await s.backup.autoBackupIfDue())?.documentCount).toBe(3);
    // After a restart without changes and the interval passed: the file is older than the backup.
    close(s);
    lib.clock.advance(3 * HOUR);
    s = lib.open();
    expect(await s.backup.autoBackupIfDue()).toBeNull();
  });
});

describe('restore', () => {
  it('verifies the chosen backup, restarts, restores at open and keeps the previous state as a backup', async () => {
    const lib = library();
    let s = lib.open();
    fill(s, 3, 'Alt');
    const b = await s.backup.create({ kind: 'manual' });
    lib.clock.advance(HOUR);
    s.documents.create({ kind: 'note', title: 'Nach der Sicherung' });
    expect(s.backup.requestRestore(b.name)).toEqual({ backup: b, restarting: true });
    expect(lib.restarts).toBe(1);
    close(s);
    s = lib.open();
    expect(titles(s)).toEqual(['Alt 0', 'Alt 1', 'Alt 2']);
    const notice = s.backup.currentNotice();
    expect(notice).toMatchObject({ kind: 'restored', backup: { name: b.name, createdAt: '2026-11-24T13:03:00.000Z' } });
    expect(notice!.message).toContain('Wiederhergestellt wurde die Sicherung vom 24.11.2026');
    // The state before the restore is a backup of its own, which can be restored in turn.
    const before = s.backup.list().find((x) => x.kind === 'beforeRestore')!;
    expect(before).toMatchObject({ documentCount: 4 });
    expect(notice!.movedTo).toBe(path.join(lib.backupsDir, before.name));
    s.backup.requestRestore(before.name);
    close(s);
    s = lib.open();
    expect(titles(s)).toContain('Nach der Sicherung');
    expect(s.backup.dismissNotice()).toBeNull();
    expect(s.backup.currentNotice()).toBeNull();
  });

  it('answers unknown names, damaged backups and hosts without restart with codes; nothing changes', async () => {
    const lib = library();
    const s = lib.open();
    fill(s, 200);
    const b = await s.backup.create({ kind: 'manual' });
    expectAppError(() => s.backup.requestRestore('gibt-es-nicht.sqlite'), 'NOT_FOUND');
    corruptDocumentsPage(path.join(lib.backupsDir, b.name));
    const err = expectAppError(() => s.backup.requestRestore(b.name), 'INVALID_FILE');
    expect(err.message).toContain('bleibt unverändert');
    expect(lib.restarts).toBe(0);
    expect(fs.readdirSync(lib.backupsDir).some((f) => f.endsWith('.wiederherstellen.json'))).toBe(false);

    const cli = library({ lifecycle: false });
    const c = cli.open();
    expectAppError(() => c.backup.requestRestore('x.sqlite'), 'NOT_AVAILABLE');
  });
});

describe('recovery from a damaged library at start', () => {
  it('moves the damaged file aside, skips a damaged newer backup and restores the newest good one', async () => {
    const lib = library();
    let s = lib.open();
    fill(s, 300, 'Gut');
    const good = await s.backup.create({ kind: 'auto' });
    lib.clock.advance(2 * HOUR);
    fill(s, 10, 'Später');
    const newer = await s.backup.create({ kind: 'manual' });
    close(s);
    corruptDocumentsPage(path.join(lib.backupsDir, newer.name), 11);
    const page = corruptDocumentsPage(lib.dbPath);
    expect(page).toBeGreaterThan(1);
    const damagedHash = sha256File(lib.dbPath);

    lib.clock.advance(HOUR);
    s = lib.open();
    const notice = s.backup.currentNotice()!;
    expect(notice).toMatchObject({ kind: 'recovered', backup: { name: good.name, createdAt: good.createdAt, documentCount: 300 } });
    expect(notice.message).toMatch(/^Die Bibliothek war beschädigt und wurde nach „.*beschaedigt.*“ verschoben\. Wiederhergestellt wurde die Sicherung vom 24\.11\.2026, \d\d:03 Uhr\.$/);
    // Moved, not deleted: byte for byte the damaged file, beside the library.
    expect(path.dirname(notice.movedTo)).toBe(lib.dir);
    expect(sha256File(notice.movedTo)).toBe(damagedHash);
    expect(s.documents.countByKind().total).toBe(300);
    expect(s.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Both backups are still there, the damaged one too (the program removes no manual backup).
    expect(listBackups(lib.dbPath, lib.backupsDir).map((b) => b.name).sort()).toEqual([good.name, newer.name].sort());
  });

  it('without a good backup: a clear DB_CORRUPT, the file untouched and where it was', async () => {
    const lib = library();
    const s = lib.open();
    fill(s, 300);
    close(s);
    corruptDocumentsPage(lib.dbPath);
    const hash = sha256File(lib.dbPath);
    const err = expectAppError(() => lib.open(), 'DB_CORRUPT');
    expect(err.message).toContain('beschädigt');
    expect(err.message).toContain('keine unbeschädigte Sicherung');
    expect(err.message).toContain('nicht verändert');
    expect(sha256File(lib.dbPath)).toBe(hash);
    expect(fs.readdirSync(lib.dir).filter((f) => f.includes('beschaedigt'))).toEqual([]);
  });
});
