import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { BackupInfo, BackupKind } from '../../../shared/ipc/areas/backup';
import { APPLICATION_ID } from '../db/openDatabase';
import { SCHEMA_VERSION } from '../db/migrations';

/**
 * Names, listing and verification of backup files (issue 7 §2). A backup is one self-contained
 * SQLite file in the backups folder, named after the library it belongs to, so two libraries in
 * one folder (CLI `--db`) never mix their backups:
 *
 *   bibliothek.sqlite.sicherung.2026-11-24T13-03-05-123Z.auto.sqlite   (+ .json with its facts)
 *   bibliothek.sqlite.vor-v3.2026-11-24T13-03-05-123Z.bak             (openDatabase, before an upgrade)
 */

/** File-name word of each kind; German, as the user sees these files in the folder. */
const KIND_WORD: Record<Exclude<BackupKind, 'beforeMigration'>, string> = {
  auto: 'auto',
  manual: 'manuell',
  beforeRestore: 'vor-wiederherstellung',
};
const WORD_KIND = new Map(Object.entries(KIND_WORD).map(([k, w]) => [w, k as BackupKind]));

const STAMP = String.raw`(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)`;

export function stamp(d: Date): string {
  return d.toISOString().replace(/[:.]/g, '-');
}

function unstamp(s: string): Date {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/.exec(s)!;
  return new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function backupFileName(libraryFile: string, kind: Exclude<BackupKind, 'beforeMigration'>, at: Date): string {
  return `${path.basename(libraryFile)}.sicherung.${stamp(at)}.${KIND_WORD[kind]}.sqlite`;
}

/**
 * A free path for a new backup: the time stamp moves on by a millisecond while a file of that
 * name exists, so no backup is ever written over another one.
 */
export function freeBackupPath(dir: string, libraryFile: string, kind: Exclude<BackupKind, 'beforeMigration'>, at: Date): string {
  let t = at.getTime();
  let file = path.join(dir, backupFileName(libraryFile, kind, new Date(t)));
  while (fs.existsSync(file)) file = path.join(dir, backupFileName(libraryFile, kind, new Date(++t)));
  return file;
}

/** Where a pending restore (chosen in the running app) is recorded until the next start. */
export function pendingRestoreFile(libraryFile: string, backupsDir: string): string {
  return path.join(backupsDir, `${path.basename(libraryFile)}.wiederherstellen.json`);
}

export function parseBackupName(libraryFile: string, name: string): { kind: BackupKind; createdAt: Date } | null {
  const base = escapeRe(path.basename(libraryFile));
  const own = new RegExp(`^${base}\\.sicherung\\.${STAMP}\\.(auto|manuell|vor-wiederherstellung)\\.sqlite$`).exec(name);
  if (own) return { kind: WORD_KIND.get(own[2]!)!, createdAt: unstamp(own[1]!) };
  const migration = new RegExp(`^${base}\\.vor-v\\d+\\.${STAMP}\\.bak$`).exec(name);
  if (migration) return { kind: 'beforeMigration', createdAt: unstamp(migration[1]!) };
  return null;
}

/** Facts kept beside a backup (`<name>.json`), so the list needs not open a large file. */
interface Sidecar {
  documentCount: number;
  schemaVersion: number;
}

function readSidecar(file: string): Sidecar | null {
  try {
    const s = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as Partial<Sidecar>;
    return typeof s.documentCount === 'number' && typeof s.schemaVersion === 'number'
      ? { documentCount: s.documentCount, schemaVersion: s.schemaVersion }
      : null;
  } catch {
    return null;
  }
}

export function writeSidecar(file: string, facts: Sidecar): void {
  const tmp = `${file}.json.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(facts)}\n`);
  fs.renameSync(tmp, `${file}.json`);
}

/** Every backup of this library in the folder, newest first. */
export function listBackups(libraryFile: string, backupsDir: string): BackupInfo[] {
  let names: string[];
  try {
    names = fs.readdirSync(backupsDir);
  } catch {
    return [];
  }
  const out: BackupInfo[] = [];
  for (const name of names) {
    const parsed = parseBackupName(libraryFile, name);
    if (!parsed) continue;
    const file = path.join(backupsDir, name);
    let bytes: number;
    try {
      bytes = fs.statSync(file).size;
    } catch {
      continue;
    }
    const facts = readSidecar(file);
    out.push({
      name,
      kind: parsed.kind,
      createdAt: parsed.createdAt.toISOString(),
      bytes,
      documentCount: facts?.documentCount ?? null,
      schemaVersion: facts?.schemaVersion ?? null,
    });
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.name.localeCompare(b.name));
}

export type Verification =
  | { ok: true; schemaVersion: number; documentCount: number }
  | { ok: false; reason: string };

/**
 * Opens a backup read-only and checks that it is a whole, current-or-older Quartierswissen
 * library: `PRAGMA integrity_check` (every page, every index), application_id, user_version,
 * and that the documents table can be read. Never writes to the file.
 */
export function verifyBackupFile(file: string): Verification {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (appId !== APPLICATION_ID) return { ok: false, reason: `keine Quartierswissen-Bibliothek (application_id ${appId})` };
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (schemaVersion < 1 || schemaVersion > SCHEMA_VERSION) {
      return { ok: false, reason: `Schema-Version ${schemaVersion} wird nicht unterstützt (bis ${SCHEMA_VERSION})` };
    }
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    if (rows.length !== 1 || rows[0]!.integrity_check !== 'ok') {
      return { ok: false, reason: `Integritätsprüfung: ${rows.slice(0, 3).map((r) => r.integrity_check).join('; ')}` };
    }
    const documentCount = db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
    return { ok: true, schemaVersion, documentCount };
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  } finally {
    db?.close();
  }
}

/** Flushes a file (and optionally its folder entry) to disk: a backup is only a backup once durable. */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Not every platform can open a folder for fsync (Windows); the rename is still atomic there.
  }
}

/** Moves a file, across file systems too (copy, flush, then remove the original). */
export function moveFile(from: string, to: string): void {
  // rename() replaces an existing target silently; a move here never overwrites anything.
  if (fs.existsSync(to)) throw new Error(`„${to}“ gibt es schon`);
  try {
    fs.renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    fs.copyFileSync(from, to, fs.constants.COPYFILE_EXCL);
    fsyncFile(to);
    fs.unlinkSync(from);
  }
}
