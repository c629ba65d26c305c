import type Database from 'better-sqlite3';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();
/** list() and update() build SQL from their filters: keep each connection's cache bounded. */
const MAX_STATEMENTS = 512;

/**
 * A prepared statement for `sql` on `db`, compiled once per connection: bulk import runs the
 * same statements thousands of times. The statement comes back in its default mode (not plucked),
 * so callers that share SQL text cannot leak `.pluck()` into each other.
 */
export function prepared(db: Database.Database, sql: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let st = cache.get(sql);
  if (!st) {
    if (cache.size >= MAX_STATEMENTS) cache.clear();
    st = db.prepare(sql);
    cache.set(sql, st);
  } else if (st.reader) {
    st.pluck(false);
  }
  return st;
}
