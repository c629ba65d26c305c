import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, NotFoundError } from '../../../shared/errors';
import type { BackupInfo, RecoveryNotice } from '../../../shared/ipc/areas/backup';
import type { Clock, EventSink, Lifecycle, Logger } from '../ports';
import { prepared } from '../db/prepared';
import {
  freeBackupPath,
  fsyncDir,
  fsyncFile,
  listBackups,
  parseBackupName,
  pendingRestoreFile,
  verifyBackupFile,
  writeSidecar,
} from './backupFiles';

export interface BackupPolicy {
  /** An automatic backup is due when the newest backup is older than this (default 2 h). */
  intervalMs: number;
  /** First automatic check after start; gives the search index time to load first (default 60 s). */
  startDelayMs: number;
  /** Automatic backups always kept: the newest N (default 5)… */
  keepLatest: number;
  /** …plus the newest of each calendar day for this many days (default 7). */
  keepDays: number;
  /** Pages copied per step of the online backup; the event loop runs between steps. */
  pagesPerStep: number;
}

export const DEFAULT_BACKUP_POLICY: BackupPolicy = {
  intervalMs: 2 * 60 * 60 * 1000,
  startDelayMs: 60 * 1000,
  keepLatest: 5,
  keepDays: 7,
  pagesPerStep: 4096,
};

export interface BackupServiceDeps {
  db: Database.Database;
  /** Absolute path of the open library. */
  file: string;
  backupsDir: string;
  clock: Clock;
  events: EventSink;
  logger: Logger;
  /** The host's restart, for a restore chosen in the window; absent in the CLI. */
  lifecycle?: Lifecycle;
  /** What the recovery at start did, if anything (shown once in the window). */
  notice: RecoveryNotice | null;
}

/**
 * Backups of the open library (issue 7 §2): SQLite's online backup API copies the live database
 * page by page without blocking the app; every copy is verified before it gets its final name,
 * so a file in the list is a good backup. Automatic backups rotate; manual ones, the copies taken
 * before a restore and before an upgrade are never removed by the program.
 */
export class BackupService {
  private readonly policy: BackupPolicy;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  /** `total_changes()` at the last backup; null until the first one of this session. */
  private changesAtLastBackup: number | null = null;
  private notice: RecoveryNotice | null;

  constructor(
    private readonly deps: BackupServiceDeps,
    policy: Partial<BackupPolicy> = {},
  ) {
    this.policy = { ...DEFAULT_BACKUP_POLICY, ...policy };
    this.notice = deps.notice;
  }

  list(): BackupInfo[] {
    return listBackups(this.deps.file, this.deps.backupsDir);
  }

  /**
   * Writes a verified backup: into the backups folder (`manual`, `auto`), or to `target` (CLI
   * `backup -o FILE`, which must not exist yet). Backups run one after another.
   */
  create(options: { kind: 'auto' | 'manual'; target?: string }): Promise<BackupInfo> {
    const run = this.queue.then(() => this.write(options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write({ kind, target }: { kind: 'auto' | 'manual'; target?: string }): Promise<BackupInfo> {
    const { db, backupsDir, events, clock } = this.deps;
    if (target && fs.existsSync(target)) {
      throw new AppError('CONFLICT', `„${target}“ gibt es schon; eine Sicherung überschreibt keine Datei.`, { file: target });
    }
    const dir = target ? path.dirname(target) : backupsDir;
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch (err) {
      throw new AppError('IO', `Der Ordner „${dir}“ kann nicht angelegt werden: ${(err as Error).message}`, { dir });
    }
    const tmp = path.join(dir, `.qw-sicherung-${process.pid}-${Date.now()}.tmp`);
    const changes = this.totalChanges();
    try {
      const { pagesPerStep } = this.policy;
      await db.backup(tmp, {
        progress: ({ totalPages, remainingPages }) => {
          events.emit('backup.progressed', { kind, done: totalPages - remainingPages, total: totalPages });
          return pagesPerStep;
        },
      });
      const createdAt = clock.now();
      // The copy carries the live file's WAL flag; a backup is one self-contained file instead.
      const Sqlite = db.constructor as typeof Database;
      const conv = new Sqlite(tmp);
      try {
        conv.pragma('journal_mode = DELETE');
      } finally {
        conv.close();
      }
      const verified = verifyBackupFile(tmp);
      if (!verified.ok) {
        throw new AppError('INVALID_FILE', `Die Sicherung wurde geschrieben, aber die Prüfung schlug fehl (${verified.reason}); sie wurde verworfen.`, {
          reason: verified.reason,
        });
      }
      fsyncFile(tmp);
      const final = target ?? freeBackupPath(backupsDir, this.deps.file, kind, createdAt);
      fs.renameSync(tmp, final);
      writeSidecar(final, { documentCount: verified.documentCount, schemaVersion: verified.schemaVersion });
      fsyncDir(dir);
      this.changesAtLastBackup = changes;
      const info: BackupInfo = {
        name: path.basename(final),
        kind,
        createdAt: (target ? createdAt : (parseBackupName(this.deps.file, path.basename(final))?.createdAt ?? createdAt)).toISOString(),
        bytes: fs.statSync(final).size,
        documentCount: verified.documentCount,
        schemaVersion: verified.schemaVersion,
      };
      if (kind === 'auto' && !target) this.rotate();
      events.emit('backup.created', { backup: info });
      return info;
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('IO', `Die Sicherung konnte nicht geschrieben werden: ${(err as Error).message}`, { dir });
    } finally {
      // Only the temporary file is ever removed here; finished backups stay.
      for (const f of [tmp, `${tmp}-journal`, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
    }
  }

  private totalChanges(): number {
    // Per backup on the library connection: cached (db/prepared.ts).
    return prepared(this.deps.db, 'SELECT total_changes()').pluck().get() as number;
  }

  /**
   * Automatic backups that may go: all but the newest `keepLatest` and the newest of each of the
   * last `keepDays` days. Only kind `auto` is ever rotated.
   */
  rotate(): string[] {
    const { keepLatest, keepDays } = this.policy;
    const now = this.deps.clock.now().getTime();
    const autos = this.list().filter((b) => b.kind === 'auto');
    const keep = new Set(autos.slice(0, keepLatest).map((b) => b.name));
    const days = new Set<string>();
    for (const b of autos) {
      const t = Date.parse(b.createdAt);
      if (now - t > keepDays * 24 * 60 * 60 * 1000) continue;
      const day = b.createdAt.slice(0, 10);
      if (!days.has(day)) {
        days.add(day);
        keep.add(b.name);
      }
    }
    const removed: string[] = [];
    for (const b of autos) {
      if (keep.has(b.name)) continue;
      const file = path.join(this.deps.backupsDir, b.name);
      fs.rmSync(file, { force: true });
      fs.rmSync(`${file}.json`, { force: true });
      removed.push(b.name);
    }
    if (removed.length) this.deps.logger.info('Alte automatische Sicherungen entfernt', { removed: removed.length });
    return removed;
  }

  /**
   * Backs up when due: the newest backup is older than the interval, and the library changed
   * since (this session's writes, or at start a file newer than the newest backup).
   */
  async autoBackupIfDue(): Promise<BackupInfo | null> {
    const newest = this.list().find((b) => b.kind === 'auto' || b.kind === 'manual');
    const now = this.deps.clock.now().getTime();
    if (newest && now - Date.parse(newest.createdAt) < this.policy.intervalMs) return null;
    if (newest && !this.changedSince(Date.parse(newest.createdAt))) return null;
    return this.create({ kind: 'auto' });
  }

  private changedSince(backupTime: number): boolean {
    if (this.changesAtLastBackup !== null) return this.totalChanges() !== this.changesAtLastBackup;
    if (this.totalChanges() > 0) return true;
    const mtime = (f: string) => {
      try {
        return fs.statSync(f).mtimeMs;
      } catch {
        return 0;
      }
    };
    return Math.max(mtime(this.deps.file), mtime(`${this.deps.file}-wal`)) > backupTime;
  }

  /** Starts the automatic backups (timers unref'd: they never keep a process alive). */
  startAuto(): void {
    if (this.timer) return;
    const tick = () => {
      this.autoBackupIfDue().catch((err: unknown) =>
        this.deps.logger.error('Automatische Sicherung fehlgeschlagen', { message: (err as Error).message }),
      );
    };
    this.timer = setTimeout(() => {
      tick();
      this.timer = setInterval(tick, Math.min(this.policy.intervalMs, 15 * 60 * 1000));
      this.timer.unref();
    }, this.policy.startDelayMs);
    this.timer.unref();
  }

  stopAuto(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * Restore chosen in the window: verifies the backup now (a bad one is refused and nothing
   * changes), records it, and asks the host to restart; the restore itself runs at the next open,
   * before the library is opened (`openLibrary`).
   */
  requestRestore(name: string): { backup: BackupInfo; restarting: true } {
    const { lifecycle, backupsDir, file } = this.deps;
    if (!lifecycle) throw new AppError('NOT_AVAILABLE', 'Wiederherstellen geht hier nur über „quartierswissen restore DATEI“.');
    const backup = this.list().find((b) => b.name === name);
    if (!backup) throw new NotFoundError('Sicherung', name);
    const verified = verifyBackupFile(path.join(backupsDir, name));
    if (!verified.ok) {
      throw new AppError('INVALID_FILE', `Die Sicherung „${name}“ ist nicht in Ordnung (${verified.reason}); die Bibliothek bleibt unverändert.`, {
        name,
        reason: verified.reason,
      });
    }
    const marker = pendingRestoreFile(file, backupsDir);
    fs.writeFileSync(`${marker}.tmp`, `${JSON.stringify({ name, requestedAt: this.deps.clock.now().toISOString() })}\n`);
    fs.renameSync(`${marker}.tmp`, marker);
    this.deps.logger.info('Wiederherstellung angefordert', { name });
    lifecycle.restart();
    return { backup, restarting: true };
  }

  /** What the recovery at start did; null when nothing happened or the user dismissed it. */
  currentNotice(): RecoveryNotice | null {
    return this.notice;
  }

  dismissNotice(): null {
    this.notice = null;
    return null;
  }
}
