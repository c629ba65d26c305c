import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID, openDatabase } from '../../../electron/services/db/openDatabase';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../electron/services/db/migrations';
import type { Migration } from '../../../electron/services/db/migrate';
import { openTestLibrary, REPO_ROOT, sha256File, tempDir } from '../../support/testLibrary';
import { expectAppError } from '../../support/expectAppError';

const FIXTURE_V1 = path.join(REPO_ROOT, 'tests', 'fixtures', 'library-v1.sqlite');
const dirs: string[] = [];
function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});


describe('migrations', () => {
  it('are numbered 1…n without gaps, each file named after its version', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    const files = fs.readdirSync(path.join(REPO_ROOT, 'electron', 'services', 'db', 'migrations')).filter((f) => /^\d{4}_/.test(f));
    expect(files.map((f) => Number(f.slice(0, 4))).sort((a, b) => a - b)).toEqual(MIGRATIONS.map((m) => m.version));
  });
});

describe('openDatabase', () => {
  it('creates a new library with WAL, foreign keys, busy timeout and the current schema', () => {
    const file = path.join(dir(), 'sub', 'neu.sqlite');
    const { db, schemaVersion, migrated, backupFile } = openDatabase(file);
    expect(schemaVersion).toBe(SCHEMA_VERSION);
    expect(migrated).toEqual(MIGRATIONS.map((m) => m.version));
    expect(backupFile).toBeNull();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type='table'").pluck().all();
    for (const t of ['documents', 'originals', 'people', 'organisations', 'roles', 'quotes', 'tags', 'links', 'versions', 'committee_sessions', 'agenda_items', 'yjs_updates', 'settings']) {
      expect(tables).toContain(t);
    }
    db.close();
  });

  it('turns an empty (0-byte) file into a new library', () => {
    const file = path.join(dir(), 'leer.sqlite');
    fs.writeFileSync(file, '');
    const { db, schemaVersion } = openDatabase(file);
    expect(schemaVersion).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('opens the shipped v1 fixture with its data intact', () => {
    const file = path.join(dir(), 'v1.sqlite');
    fs.copyFileSync(FIXTURE_V1, file);
    const { db, schemaVersion } = openDatabase(file);
    expect(schemaVersion).toBe(SCHEMA_VERSION);
    const titles = db.prepare('SELECT title FROM documents ORDER BY id').pluck().all();
    expect(titles).toEqual(['Leitbild Quartier Am Rosenhang', 'Notiz ohne Datum', 'Förderzusage für das Stadtteilzentrum']);
    expect(db.prepare('SELECT text FROM quotes').pluck().get()).toContain('Treffpunkt für alle Generationen');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('upgrades an old library: a backup copy first, each migration in its own transaction', () => {
    const d = dir();
    const file = path.join(d, 'v1.sqlite');
    fs.copyFileSync(FIXTURE_V1, file);
    const next: Migration = {
      version: SCHEMA_VERSION + 1,
      name: 'test_summary',
      up: (db) => db.exec("ALTER TABLE documents ADD COLUMN summary TEXT NOT NULL DEFAULT ''"),
    };
    const opened = openDatabase(file, { migrations: [...MIGRATIONS, next], backupsDir: path.join(d, 'backups') });
    // Every migration after v1, then the test's own.
    expect(opened.migrated).toEqual([...MIGRATIONS.filter((m) => m.version > 1).map((m) => m.version), SCHEMA_VERSION + 1]);
    expect(opened.schemaVersion).toBe(SCHEMA_VERSION + 1);
    expect(opened.db.prepare('SELECT count(*) FROM documents WHERE summary = ?').pluck().get('')).toBe(3);
    opened.db.close();
    expect(opened.backupFile).not.toBeNull();
    const backup = new Database(opened.backupFile!, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(3);
    backup.close();
  });

  it('0005 gives each record of an older whole-file JSONL original its own line as original', async () => {
    const d = dir();
    const lib = openTestLibrary({ dir: d });
    const archive = path.join(d, 'archiv.jsonl.gz');
    const rec = (id: string, text: string) => JSON.stringify({ id, title: `Rede ${id}`, speaker: 'Bernd Muster', text });
    // CRLF line ends and a blank line, as real exports have them.
    fs.writeFileSync(archive, zlib.gzipSync(`${rec('a', 'Erste Rede über das Quartier.')}\r\n\r\n${rec('b', 'Zweite Rede über den Stadtteil.')}\r\n`));
    const report = await lib.services.importer.importPaths([archive]);
    expect(report.imported).toHaveLength(2);
    lib.services.close();
    // Back to the layout of a v4 library: one original for the whole file.
    const old = new Database(lib.dbPath);
    const bytes = fs.readFileSync(archive);
    const fileSha = createHash('sha256').update(bytes).digest('hex');
    old.prepare("INSERT INTO originals (sha256, file_name, media_type, size, bytes, imported_at) VALUES (?, 'archiv.jsonl.gz', 'application/gzip', ?, ?, '2026-01-01T00:00:00.000Z')").run(fileSha, bytes.length, bytes);
    old.prepare('UPDATE documents SET original_sha256 = ? WHERE original_sha256 = import_sha256').run(fileSha);
    old.prepare("DELETE FROM originals WHERE media_type = 'application/json'").run();
    old.pragma('user_version = 4');
    old.close();

    const opened = openDatabase(lib.dbPath, { backupsDir: path.join(d, 'Sicherungen') });
    try {
      expect(opened.migrated).toEqual(MIGRATIONS.filter((m) => m.version >= 5).map((m) => m.version));
      const rows = opened.db.prepare('SELECT d.external_id AS id, d.original_sha256 = d.import_sha256 AS own, o.media_type AS type, o.file_name AS name FROM documents d JOIN originals o ON o.sha256 = d.original_sha256 ORDER BY d.external_id').all();
      expect(rows).toEqual([
        { id: 'a', own: 1, type: 'application/json', name: 'archiv.jsonl.gz, Zeile 1' },
        { id: 'b', own: 1, type: 'application/json', name: 'archiv.jsonl.gz, Zeile 3' },
      ]);
      expect(opened.db.prepare('SELECT count(*) FROM originals WHERE sha256 = ?').pluck().get(fileSha), 'the file original is gone').toBe(0);
      const line = opened.db.prepare("SELECT bytes FROM originals WHERE file_name LIKE '%Zeile 3'").pluck().get() as Buffer;
      expect(line.toString('utf8')).toBe(rec('b', 'Zweite Rede über den Stadtteil.'));
      expect(opened.db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      opened.db.close();
    }
  });

  it('rolls a failing migration back completely and names file and version', () => {
    const file = path.join(dir(), 'v1.sqlite');
    fs.copyFileSync(FIXTURE_V1, file);
    const broken: Migration = {
      version: SCHEMA_VERSION + 1,
      name: 'broken',
      up: (db) => {
        db.exec('CREATE TABLE half_done (x INTEGER)');
        db.exec('SELECT * FROM table_that_does_not_exist');
      },
    };
    const err = expectAppError(() => openDatabase(file, { migrations: [...MIGRATIONS, broken] }), 'INTERNAL');
    expect(err.message).toContain(file);
    expect(err.message).toContain('broken');
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a library written by a newer version, naming file and versions, without touching it', () => {
    const file = path.join(dir(), 'neuer.sqlite');
    fs.copyFileSync(FIXTURE_V1, file);
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    db.close();
    const before = sha256File(file);
    const err = expectAppError(() => openDatabase(file), 'DB_TOO_NEW');
    expect(err.message).toContain(file);
    expect(err.message).toContain(String(SCHEMA_VERSION + 5));
    expect(err.message).toContain(String(SCHEMA_VERSION));
    expect(err.details).toMatchObject({ found: SCHEMA_VERSION + 5, supported: SCHEMA_VERSION });
    expect(sha256File(file)).toBe(before);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a file that is not SQLite, without touching it', () => {
    const file = path.join(dir(), 'kaputt.sqlite');
    fs.writeFileSync(file, 'Das ist keine Datenbank, sondern eine Einkaufsliste.\n'.repeat(50));
    const before = sha256File(file);
    const err = expectAppError(() => openDatabase(file), 'DB_NOT_SQLITE');
    expect(err.message).toContain(file);
    expect(sha256File(file)).toBe(before);
  });

  it('refuses the SQLite database of another program, without touching it', () => {
    const file = path.join(dir(), 'fremd.sqlite');
    const other = new Database(file);
    other.exec('CREATE TABLE kunden (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO kunden (name) VALUES (\'Müller\');');
    other.close();
    const before = sha256File(file);
    expectAppError(() => openDatabase(file), 'DB_FOREIGN');
    expect(sha256File(file)).toBe(before);
  });
});

describe('write transactions and durability settings (issue 7)', () => {
  it('opens the library with synchronous=FULL, secure_delete and a small WAL', () => {
    const { db } = openDatabase(path.join(dir(), 'lib.sqlite'));
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBeLessThanOrEqual(1000);
    db.close();
  });

  it('starts db.transaction() with the write lock, so a second connection cannot commit between its read and its write', () => {
    const file = path.join(dir(), 'lib.sqlite');
    const { db } = openDatabase(file);
    const other = new Database(file);
    other.pragma('busy_timeout = 0');
    let otherCouldWrite: boolean | null = null;
    db.transaction(() => {
      db.prepare('SELECT count(*) FROM documents').get();
      try {
        other.exec('BEGIN IMMEDIATE; ROLLBACK;');
        otherCouldWrite = true;
      } catch {
        otherCouldWrite = false;
      }
    })();
    expect(otherCouldWrite).toBe(false);
    // The other variants stay available; a deferred one holds no write lock after a read.
    db.transaction(() => {
      db.prepare('SELECT count(*) FROM documents').get();
      other.exec('BEGIN IMMEDIATE; ROLLBACK;');
    }).deferred();
    other.close();
    db.close();
  });
});
