import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { configureConnection } from './connectionSetup';
import { runMigrations, type Migration } from './migrate';
import { MIGRATIONS } from './migrations';

/** `PRAGMA application_id` of a Quartierswissen library ("QWKB"), so foreign SQLite files are refused. */
export const APPLICATION_ID = 0x51574b42;
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export interface OpenOptions {
  /** Where the copy taken before an upgrade goes; defaults to the library's folder. */
  backupsDir?: string;
  migrations?: readonly Migration[];
  readonly?: boolean;
  now?: () => Date;
  /**
   * Page check before anything is written (issue 7 §2): `quick` reads every page and b-tree
   * (`PRAGMA quick_check`), `integrity` also compares every index with its table. A failure is
   * DB_CORRUPT, which `openLibrary` answers by restoring the newest good backup.
   */
  check?: 'none' | 'quick' | 'integrity';
}

export interface OpenedDatabase {
  db: Database.Database;
  file: string;
  schemaVersion: number;
  /** Versions applied while opening; empty when the file was current. */
  migrated: number[];
  /** Copy taken before upgrading an existing library, if any. */
  backupFile: string | null;
}

function checkHeader(file: string): void {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    throw new AppError('IO', `Die Bibliothek „${file}“ kann nicht gelesen werden: ${(err as Error).message}`, { file });
  }
  try {
    const head = Buffer.alloc(16);
    const n = fs.readSync(fd, head, 0, 16, 0);
    if (n === 0) return; // an empty file becomes a new library
    if (n < 16 || !head.equals(SQLITE_HEADER)) {
      throw new AppError(
        'DB_NOT_SQLITE',
        `„${file}“ ist keine SQLite-Datenbank und damit keine Quartierswissen-Bibliothek. Die Datei wurde nicht verändert.`,
        { file },
      );
    }
  } finally {
    fs.closeSync(fd);
  }
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[:.]/g, '-');
}

/**
 * Opens (or creates) a library file: checks that it is ours and not newer than this program,
 * takes a backup before any upgrade, then migrates. Nothing is written to a file it refuses.
 */
export function openDatabase(file: string, options: OpenOptions = {}): OpenedDatabase {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = Math.max(0, ...migrations.map((m) => m.version));
  const absolute = path.resolve(file);
  const exists = fs.existsSync(absolute);
  if (exists) checkHeader(absolute);
  else fs.mkdirSync(path.dirname(absolute), { recursive: true });

  const db = new Database(absolute, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  try {
    let version: number;
    let appId: number;
    try {
      version = db.pragma('user_version', { simple: true }) as number;
      appId = db.pragma('application_id', { simple: true }) as number;
    } catch (err) {
      throw new AppError('DB_CORRUPT', `Die Bibliothek „${absolute}“ ist beschädigt: ${(err as Error).message}`, {
        file: absolute,
      });
    }
    if (version > latest) {
      throw new AppError(
        'DB_TOO_NEW',
        `Die Bibliothek „${absolute}“ hat Schema-Version ${version}; dieses Programm kennt nur bis Version ${latest}. ` +
          'Bitte eine neuere Version von Quartierswissen verwenden. Die Datei wurde nicht verändert.',
        { file: absolute, found: version, supported: latest },
      );
    }
    if (appId !== APPLICATION_ID) {
      const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
      if (appId !== 0 || tables.n > 0) {
        throw new AppError(
          'DB_FOREIGN',
          `„${absolute}“ ist eine SQLite-Datenbank eines anderen Programms (application_id ${appId}, ` +
            `${tables.n} Tabellen), keine Quartierswissen-Bibliothek. Die Datei wurde nicht verändert.`,
          { file: absolute, applicationId: appId },
        );
      }
    }
    if (options.check && options.check !== 'none') {
      const pragma = options.check === 'quick' ? 'quick_check' : 'integrity_check';
      let problems: string[];
      try {
        problems = (db.pragma(pragma) as Record<string, string>[]).map((r) => r[pragma]!).filter((m) => m !== 'ok');
      } catch (err) {
        problems = [(err as Error).message];
      }
      if (problems.length > 0) {
        throw new AppError('DB_CORRUPT', `Die Bibliothek „${absolute}“ ist beschädigt: ${problems.slice(0, 3).join('; ')}`, {
          file: absolute,
          problems: problems.slice(0, 20),
        });
      }
    }
    // The same set-up as every other connection to the library (the search worker's).
    configureConnection(db, { readonly: options.readonly });

    let backupFile: string | null = null;
    if (version > 0 && version < latest && !options.readonly) {
      const dir = options.backupsDir ?? path.dirname(absolute);
      fs.mkdirSync(dir, { recursive: true });
      db.pragma('wal_checkpoint(TRUNCATE)');
      backupFile = path.join(
        dir,
        `${path.basename(absolute)}.vor-v${latest}.${stamp(options.now?.() ?? new Date())}.bak`,
      );
      // VACUUM INTO writes a consistent, self-contained copy without touching the original.
      db.prepare('VACUUM INTO ?').run(backupFile);
    }
    const migrated = options.readonly ? [] : runMigrations(db, migrations, absolute);
    if (!options.readonly && appId !== APPLICATION_ID) db.pragma(`application_id = ${APPLICATION_ID}`);
    return {
      db,
      file: absolute,
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      migrated,
      backupFile,
    };
  } catch (err) {
    db.close();
    throw err;
  }
}
