import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { updateDigest } from './UpdateLog';

/** `application_id` of a sync-server store ("QWSY"), so a library is never mistaken for it. */
const STORE_APPLICATION_ID = 0x51575359;

/**
 * Version of the store's own schema (`PRAGMA user_version`; the library's migrations do not apply
 * to it). 1: `yjs_updates` + `deleted_documents` (issue 7). 2: a SHA-256 per row
 * (`yjs_updates.digest`, issue 13 §3) and `quarantined_updates` for rows a repair set aside.
 */
export const STORE_SCHEMA_VERSION = 2;

/** Default wait for a locked store before a write is retried (the retry itself is async). */
export const STORE_BUSY_TIMEOUT_MS = 100;

/**
 * Opens (or creates) the server's store: WAL, `synchronous=FULL` (a confirmed update survives a
 * power cut, as in the library), its own application id, the tables at the current version.
 */
export function openServerStore(file: string, options: { busyTimeoutMs?: number } = {}): Database.Database {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  try {
    const appId = db.pragma('application_id', { simple: true }) as number;
    const tables = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get() as number;
    if (appId !== STORE_APPLICATION_ID && (appId !== 0 || tables > 0)) {
      throw new AppError('DB_FOREIGN', `„${file}“ ist kein Speicher eines Quartierswissen-Sync-Servers. Die Datei wurde nicht verändert.`, { file });
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > STORE_SCHEMA_VERSION) {
      throw new AppError('DB_TOO_NEW', `Der Sync-Speicher „${file}“ stammt von einer neueren Version (Schema ${version}, hier ${STORE_SCHEMA_VERSION}). Die Datei wurde nicht verändert.`, { file, version });
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? STORE_BUSY_TIMEOUT_MS))}`);
    // SECURITY: deleted rows are overwritten with zeros, so a purged draft's text does not linger in
    // free pages of the file (issue 7: "deletion means deletion").
    db.pragma('secure_delete = ON');
    db.transaction(() => upgrade(db, tables > 0 ? Math.max(version, 1) : 0))();
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

function upgrade(db: Database.Database, from: number): void {
  if (from >= STORE_SCHEMA_VERSION) return;
  db.exec(`
    CREATE TABLE IF NOT EXISTS yjs_updates (
      seq         INTEGER PRIMARY KEY AUTOINCREMENT,
      document_id TEXT NOT NULL,
      update_data BLOB NOT NULL,
      created_at  TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS yjs_updates_document ON yjs_updates(document_id, seq);
    CREATE TABLE IF NOT EXISTS deleted_documents (
      document_id TEXT PRIMARY KEY,
      deleted_at  TEXT NOT NULL
    );
  `);
  if (from < 2) {
    const cols = db.prepare('PRAGMA table_info(yjs_updates)').all() as { name: string }[];
    if (!cols.some((c) => c.name === 'digest')) db.exec('ALTER TABLE yjs_updates ADD COLUMN digest BLOB');
    db.exec(`
      CREATE TABLE IF NOT EXISTS quarantined_updates (
        seq            INTEGER NOT NULL,
        document_id    TEXT NOT NULL,
        update_data    BLOB,
        digest         BLOB,
        quarantined_at TEXT NOT NULL
      );
    `);
    // Rows written before digests existed get one now: what they hold today is what was stored.
    const set = db.prepare('UPDATE yjs_updates SET digest = ? WHERE seq = ?');
    for (const r of db.prepare('SELECT seq, update_data AS data FROM yjs_updates WHERE digest IS NULL').all() as { seq: number; data: unknown }[]) {
      if (Buffer.isBuffer(r.data)) set.run(updateDigest(r.data), r.seq);
    }
  }
  db.pragma(`application_id = ${STORE_APPLICATION_ID}`);
  db.pragma(`user_version = ${STORE_SCHEMA_VERSION}`);
}
