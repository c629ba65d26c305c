import type Database from 'better-sqlite3';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * Tripwire, not an eviction limit. better-sqlite3 (13.x) keeps every statement it ever prepared
 * until its connection closes — dropping one from a cache, or letting it be garbage-collected,
 * frees nothing (measured: ~4 KB native memory per `db.prepare` of a small SELECT, 200,000
 * prepares → +780 MB RSS with forced gc). So this cache never evicts: clearing it would only make
 * the next caller compile (and leak) the same SQL again.
 *
 * What keeps it bounded is that every SQL text in electron/services is constant or built from a
 * small, fixed set of shapes. Upper bounds per connection (all shapes, not what a session uses):
 * - DocumentStore.list: kind filter none / one / several (json_each) × 4 optional filters
 *   (status, dateFrom, dateTo, tag) = 48 WHERE shapes; count 48 + rows 48 × 4 sorts ×
 *   2 directions = 432. DocumentStore.update: one constant statement (CASE per column).
 * - QuoteStore.list 16, QuoteStore.update 16, SessionStore.update 32, CollabService.findSources
 *   7, PeopleStore lists 4, DocumentSource docs/batches with and without body 4.
 * - PRAGMA busy_timeout = n: the few values the code sets (0, 200, the connection's default).
 * - Every other statement: constant text, under 200 in all (a broad workload uses ~100:
 *   tests/integration/db/statementReuse.test.ts).
 * Together under 750; a connection that passes MAX_STATEMENTS means someone builds SQL from
 * data (ids, an array's length) — fix that call (json_each(?) or fixed-size chunks) instead of
 * raising the number. It is reported once per connection as a process warning.
 */
export const MAX_STATEMENTS = 1000;
const warned = new WeakSet<Database.Database>();

/**
 * A prepared statement for `sql` on `db`, compiled once per connection (see MAX_STATEMENTS for
 * why a repeated `db.prepare` is a native memory leak). The statement comes back in its default
 * mode — not plucked, not raw, not expanded — so callers sharing SQL text cannot leak a mode into
 * each other: set the mode you need at the call (`prepared(db, sql).pluck().get(id)`), and do not
 * hold a moded statement across a call into other code that may fetch the same SQL. Never call
 * `.bind()` on a cached statement (it would stay bound for every later caller).
 */
export function prepared(db: Database.Database, sql: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let st = cache.get(sql);
  if (!st) {
    st = db.prepare(sql);
    cache.set(sql, st);
    if (cache.size > MAX_STATEMENTS && !warned.has(db)) {
      warned.add(db);
      process.emitWarning(
        `More than ${MAX_STATEMENTS} distinct SQL statements on one connection: some SQL is built from data (latest: ${sql.slice(0, 200)})`,
        { code: 'QW_STATEMENT_CACHE' },
      );
    }
  } else if (st.reader) {
    // Each call is a no-op unless that mode is on; the three together restore the default.
    st.pluck(false).raw(false).expand(false);
  }
  return st;
}

/** How many statements `db` holds in the cache (tests and diagnostics). */
export function preparedCount(db: Database.Database): number {
  return caches.get(db)?.size ?? 0;
}

/**
 * Runs `fn` with SQLite's busy timeout set to `ms`, then restores the previous one — through
 * cached PRAGMA statements (`db.pragma()` prepares a new statement on every call).
 */
export function withBusyTimeout<T>(db: Database.Database, ms: number, fn: () => T): T {
  const previous = prepared(db, 'PRAGMA busy_timeout').pluck().get() as number;
  try {
    setBusyTimeout(db, ms);
    return fn();
  } finally {
    setBusyTimeout(db, previous);
  }
}

function setBusyTimeout(db: Database.Database, ms: number): void {
  // Integer only: the value is part of the SQL text (PRAGMA takes no parameters).
  prepared(db, `PRAGMA busy_timeout = ${Math.max(0, Math.trunc(ms))}`).get();
}

/**
 * `PRAGMA wal_checkpoint(TRUNCATE)` through a cached statement; returns SQLite's `busy` flag
 * (0: the -wal file was copied back and emptied).
 */
export function checkpointTruncate(db: Database.Database): number {
  const r = prepared(db, 'PRAGMA wal_checkpoint(TRUNCATE)').get() as { busy: number } | undefined;
  return r?.busy ?? 1;
}
