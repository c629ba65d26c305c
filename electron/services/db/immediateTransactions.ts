import type Database from 'better-sqlite3';

/**
 * Makes `db.transaction(fn)()` start with BEGIN IMMEDIATE on this connection.
 *
 * Why: the library has two writers (main and the search worker). A DEFERRED transaction that
 * reads first and writes later fails at once with SQLITE_BUSY ("database is locked") when the
 * other connection committed in between — busy_timeout cannot help, because SQLite would have to
 * give up the snapshot the transaction already read from. Taking the write lock up front lets
 * busy_timeout wait instead. Found by the IPC fuzz test (documents.delete racing the worker).
 * Nested calls still become savepoints (better-sqlite3 ignores the mode inside a transaction);
 * `.deferred`, `.immediate` and `.exclusive` stay available.
 */
export function useImmediateTransactions(db: Database.Database): void {
  const original = db.transaction.bind(db);
  const patched = (<F extends (...args: never[]) => unknown>(fn: F) => {
    const tx = original(fn);
    const immediate = tx.immediate as (...args: unknown[]) => unknown;
    const run = ((...args: unknown[]) => immediate(...args)) as unknown as Database.Transaction<F>;
    return Object.assign(run, { default: tx.immediate, deferred: tx.deferred, immediate: tx.immediate, exclusive: tx.exclusive });
  }) as Database.Database['transaction'];
  Object.defineProperty(db, 'transaction', { value: patched, configurable: true, writable: true });
}
