import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';

/**
 * Derived tables that background work rewrites on its own schedule (the search worker folds
 * segments and tombstones after any earlier change): not user data, so not part of "unchanged".
 */
export const DERIVED_TABLES = ['search_segments', 'search_tombstones'] as const;

export interface DbDigest {
  /** One hash over every user table. */
  all: string;
  /** Hash and row count per table, to say which table changed. */
  tables: Record<string, { rows: number; hash: string }>;
}

/** User tables of the library (no sqlite_* internals, no derived tables unless asked). */
export function userTables(db: Database.Database, exclude: readonly string[] = DERIVED_TABLES): string[] {
  const names = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  return names.filter((n) => !exclude.includes(n));
}

function feed(hash: ReturnType<typeof createHash>, value: unknown): void {
  // Type-tagged so that NULL, '' and a BLOB of the same bytes never hash alike.
  if (value === null) hash.update('\u0000n');
  else if (Buffer.isBuffer(value)) hash.update('\u0000b').update(String(value.length)).update(':').update(value);
  else if (typeof value === 'bigint' || typeof value === 'number') hash.update(`\u0000i${String(value)}`);
  else hash.update('\u0000s').update(String((value as string).length)).update(':').update(value as string);
}

/**
 * A digest of all rows of all user tables, in a fixed order (by every column), so "the library is
 * unchanged" is one string comparison and a difference names its table.
 */
export function dbDigest(db: Database.Database, options: { exclude?: readonly string[] } = {}): DbDigest {
  const all = createHash('sha256');
  const tables: DbDigest['tables'] = {};
  for (const table of userTables(db, options.exclude)) {
    const cols = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => `"${c.name}"`);
    const h = createHash('sha256');
    let rows = 0;
    for (const row of db.prepare(`SELECT ${cols.join(', ')} FROM "${table}" ORDER BY ${cols.join(', ')}`).raw().iterate() as Iterable<unknown[]>) {
      rows++;
      for (const v of row) feed(h, v);
      h.update('\u0001');
    }
    const hash = h.digest('hex');
    tables[table] = { rows, hash };
    all.update(`${table}:${rows}:${hash}\n`);
  }
  return { all: all.digest('hex'), tables };
}

/** Tables whose content differs between two digests (empty when the library is unchanged). */
export function changedTables(before: DbDigest, after: DbDigest): string[] {
  const names = new Set([...Object.keys(before.tables), ...Object.keys(after.tables)]);
  return [...names].filter((n) => before.tables[n]?.hash !== after.tables[n]?.hash).sort();
}

/** `PRAGMA integrity_check` and `foreign_key_check`: both must be clean after any failure. */
export function integrityProblems(db: Database.Database): string[] {
  const integrity = db.prepare('PRAGMA integrity_check').pluck().all() as string[];
  const problems = integrity.filter((r) => r !== 'ok');
  const fk = db.prepare('PRAGMA foreign_key_check').all() as { table: string; rowid: number; parent: string }[];
  for (const f of fk) problems.push(`Fremdschlüssel verletzt: ${f.table} Zeile ${f.rowid} → ${f.parent}`);
  return problems;
}
