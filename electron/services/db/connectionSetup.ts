import type Database from 'better-sqlite3';
import { useImmediateTransactions } from './immediateTransactions';

/** How long a connection waits for another one's write lock before "database is locked". */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * The per-connection settings of every connection to a library (the app's in openDatabase, the
 * search worker's): they hold per connection only, so each connection runs this one set-up and
 * none can drift from the other.
 */
export function configureConnection(db: Database.Database, options: { readonly?: boolean } = {}): void {
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    // Issue 7: an acknowledged save survives a power cut, not only a crashed process.
    db.pragma('synchronous = FULL');
    // Keep the -wal file small: checkpoint every ~1 MB and truncate it back after that.
    db.pragma('wal_autocheckpoint = 256');
    db.pragma(`journal_size_limit = ${4 * 1024 * 1024}`);
  }
  // SECURITY: deleted content is overwritten with zeros, not left in free pages (issue 7).
  db.pragma('secure_delete = ON');
  if (!options.readonly) useImmediateTransactions(db);
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
}

/** The settings configureConnection makes, as this connection has them (tests compare connections). */
export const CONNECTION_PRAGMAS = ['journal_mode', 'synchronous', 'wal_autocheckpoint', 'journal_size_limit', 'secure_delete', 'foreign_keys', 'busy_timeout'] as const;
