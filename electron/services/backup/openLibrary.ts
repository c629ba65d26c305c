import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { BackupInfo, RecoveryNotice } from '../../../shared/ipc/areas/backup';
import { openDatabase, type OpenedDatabase, type OpenOptions } from '../db/openDatabase';
import type { Clock, Logger } from '../ports';
import {
  freeBackupPath,
  fsyncDir,
  fsyncFile,
  listBackups,
  moveFile,
  pendingRestoreFile,
  stamp,
  verifyBackupFile,
  writeSidecar,
  type Verification,
} from './backupFiles';

export interface OpenLibraryOptions extends Omit<OpenOptions, 'backupsDir'> {
  backupsDir: string;
  clock: Clock;
  logger: Logger;
}

export interface OpenedLibrary {
  opened: OpenedDatabase;
  /** Set when a backup was restored at this start (asked for by the user, or after damage). */
  notice: RecoveryNotice | null;
}

/** „24.11.2026, 14:03 Uhr“ in the machine's time zone, for messages in logs and the CLI. */
export function germanTime(iso: string): string {
  const f = new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  return `${f.format(new Date(iso))} Uhr`;
}

function isCorruption(err: unknown): boolean {
  if (err instanceof AppError) return err.code === 'DB_CORRUPT';
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_CORRUPT');
}

const SIDE_FILES = ['-wal', '-shm', '-journal'] as const;

/** Moves a library with its WAL and shared-memory files, keeping them together under `to`. */
function moveLibraryFiles(from: string, to: string): void {
  moveFile(from, to);
  for (const suffix of SIDE_FILES) if (fs.existsSync(from + suffix)) moveFile(from + suffix, to + suffix);
}

/** Copies a verified backup into place: temporary file, flush, then an atomic rename. */
function copyIn(backupFile: string, file: string): void {
  for (const suffix of SIDE_FILES) {
    // A stale WAL would be replayed into the restored file: it was moved aside with its library.
    if (fs.existsSync(file + suffix)) throw new AppError('IO', `„${file + suffix}“ liegt noch neben der Bibliothek; die Wiederherstellung bricht ab.`);
  }
  const tmp = `${file}.wiederherstellung.tmp`;
  fs.copyFileSync(backupFile, tmp);
  fsyncFile(tmp);
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}

/**
 * Keeps the current library as a backup of kind `beforeRestore` (never rotated away), so a
 * restore can itself be undone. Its WAL is folded in first when the file still opens.
 */
function keepCurrent(file: string, backupsDir: string, clock: Clock): string | null {
  if (!fs.existsSync(file)) return null;
  let facts: { documentCount: number; schemaVersion: number } | null = null;
  try {
    const db = new Database(file, { fileMustExist: true });
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
      facts = {
        documentCount: db.prepare('SELECT count(*) FROM documents').pluck().get() as number,
        schemaVersion: db.pragma('user_version', { simple: true }) as number,
      };
    } finally {
      db.close();
    }
  } catch {
    // A file that does not open is moved as it is, with its side files.
  }
  fs.mkdirSync(backupsDir, { recursive: true });
  const to = freeBackupPath(backupsDir, file, 'beforeRestore', clock.now());
  moveLibraryFiles(file, to);
  if (facts) writeSidecar(to, facts);
  fsyncDir(backupsDir);
  return to;
}

function describe(kind: RecoveryNotice['kind'], movedTo: string | null, backup: BackupInfo): string {
  const when = germanTime(backup.createdAt);
  if (kind === 'recovered') {
    return `Die Bibliothek war beschädigt und wurde nach „${movedTo}“ verschoben. Wiederhergestellt wurde die Sicherung vom ${when}.`;
  }
  return `Wiederhergestellt wurde die Sicherung vom ${when}.${movedTo ? ` Der vorherige Stand liegt als Sicherung in „${movedTo}“.` : ''}`;
}

/** Carries out a restore the user chose in the running app (recorded by `BackupService`). */
function performPendingRestore(file: string, options: OpenLibraryOptions): RecoveryNotice | null {
  const { backupsDir, logger, clock } = options;
  const marker = pendingRestoreFile(file, backupsDir);
  if (!fs.existsSync(marker)) return null;
  let name: string | undefined;
  try {
    name = (JSON.parse(fs.readFileSync(marker, 'utf8')) as { name?: string }).name;
  } catch {
    name = undefined;
  }
  const backup = name && path.basename(name) === name ? listBackups(file, backupsDir).find((b) => b.name === name) : undefined;
  const verified: Verification = backup ? verifyBackupFile(path.join(backupsDir, backup.name)) : { ok: false, reason: 'Sicherung nicht gefunden' };
  if (!backup || !verified.ok) {
    // The library stays as it is; the request is dropped so the app does not try again forever.
    logger.error('Wiederherstellung nicht ausgeführt', { name, reason: verified.ok ? undefined : verified.reason });
    fs.rmSync(marker, { force: true });
    return null;
  }
  const movedTo = keepCurrent(file, backupsDir, clock);
  copyIn(path.join(backupsDir, backup.name), file);
  fs.rmSync(marker, { force: true });
  logger.info('Sicherung wiederhergestellt', { name: backup.name, movedTo });
  return { kind: 'restored', movedTo: movedTo ?? '', backup, message: describe('restored', movedTo, backup) };
}

/**
 * The library was found damaged: the newest backup that verifies is restored (a damaged newer one
 * is skipped), the damaged file is moved beside the library under a clear name, never deleted.
 * Without any good backup nothing is moved and the start stops with a clear DB_CORRUPT.
 */
function recoverFromCorruption(file: string, options: OpenLibraryOptions, cause: unknown): RecoveryNotice {
  const { backupsDir, logger, clock } = options;
  const skipped: { name: string; reason: string }[] = [];
  let chosen: BackupInfo | undefined;
  for (const candidate of listBackups(file, backupsDir)) {
    const v = verifyBackupFile(path.join(backupsDir, candidate.name));
    if (v.ok) {
      chosen = { ...candidate, documentCount: v.documentCount, schemaVersion: v.schemaVersion };
      break;
    }
    skipped.push({ name: candidate.name, reason: v.reason });
  }
  const why = (cause as Error).message;
  if (!chosen) {
    throw new AppError(
      'DB_CORRUPT',
      `${why} – Im Ordner „${backupsDir}“ gibt es keine unbeschädigte Sicherung` +
        `${skipped.length ? ` (${skipped.length} geprüft, alle fehlerhaft)` : ''}. Die Datei wurde nicht verändert und nicht verschoben; ` +
        'bitte eine Kopie aufheben und Hilfe holen (z. B. „sqlite3 DATEI .recover“).',
      { file, backupsDir, skipped },
    );
  }
  let at = clock.now().getTime();
  const aside = () => path.join(path.dirname(file), `${path.basename(file)}.beschaedigt.${stamp(new Date(at))}.sqlite`);
  let movedTo = aside();
  while (fs.existsSync(movedTo)) {
    at++;
    movedTo = aside();
  }
  moveLibraryFiles(file, movedTo);
  fsyncDir(path.dirname(file));
  copyIn(path.join(backupsDir, chosen.name), file);
  logger.warn('Beschädigte Bibliothek ersetzt', { movedTo, backup: chosen.name, skipped: skipped.length, cause: why });
  return { kind: 'recovered', movedTo, backup: chosen, message: describe('recovered', movedTo, chosen) };
}

/**
 * Opens the library for the app (issue 7 §2): first a restore the user asked for, then the
 * checked open (`quick_check` by default); a damaged library is replaced by its newest good
 * backup before anything else touches it.
 */
export function openLibrary(dbPath: string, options: OpenLibraryOptions): OpenedLibrary {
  const file = path.resolve(dbPath);
  const { clock, logger: _logger, ...rest } = options;
  const openOptions: OpenOptions = { check: 'quick', now: () => clock.now(), ...rest };
  const notice = performPendingRestore(file, options);
  try {
    return { opened: openDatabase(file, openOptions), notice };
  } catch (err) {
    if (!isCorruption(err)) throw err;
    const recovered = recoverFromCorruption(file, options, err);
    return { opened: openDatabase(file, openOptions), notice: recovered };
  }
}

/**
 * `quartierswissen restore FILE`: the library is closed (nobody opened it), so the restore runs
 * now. A backup that does not verify is refused and the library stays untouched; otherwise the
 * current library is kept as a `beforeRestore` backup and the chosen one copied in.
 */
export function restoreFromFile(
  dbPath: string,
  backupPath: string,
  options: { backupsDir: string; clock: Clock; logger: Logger },
): { movedTo: string | null; schemaVersion: number; documentCount: number } {
  const file = path.resolve(dbPath);
  const source = path.resolve(backupPath);
  if (source === file) throw new AppError('VALIDATION', 'Die Sicherung ist die Bibliothek selbst.');
  if (!fs.existsSync(source)) throw new AppError('NOT_FOUND', `Die Sicherung „${source}“ gibt es nicht.`, { id: source });
  const verified = verifyBackupFile(source);
  if (!verified.ok) {
    throw new AppError('INVALID_FILE', `„${source}“ ist keine gültige Sicherung (${verified.reason}); die Bibliothek wurde nicht verändert.`, {
      file: source,
      reason: verified.reason,
    });
  }
  const movedTo = keepCurrent(file, options.backupsDir, options.clock);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  copyIn(source, file);
  options.logger.info('Sicherung wiederhergestellt', { source, movedTo });
  return { movedTo, schemaVersion: verified.schemaVersion, documentCount: verified.documentCount };
}
